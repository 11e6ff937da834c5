-- The Idempotency-Keys whose request has not answered (status 0), by key.
-- Every start frees those a stopped server left (IdempotencyStore::
-- release_abandoned_answers: DELETE ... WHERE status = 0); with no index
-- naming status that read the whole table, which keeps every keyed POST's
-- answer for ever (docs/reliability.md): 0.31-0.42 s a start at a million
-- keys (911 MB) on PostgreSQL with the table in memory, more from disk, and
-- growing with the years. A key leaves this index when its answer is
-- written; the keys running at any moment are few.
CREATE INDEX idempotency_keys_running ON idempotency_keys (key) WHERE status = 0;

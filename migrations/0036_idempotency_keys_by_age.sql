-- The answered Idempotency-Keys by when they were reserved, for a server
-- that forgets them after `idempotency_keep_days` (docs/reliability.md;
-- off by default, when every answer is kept for ever). The expiry deletes
-- the oldest first, a batch at a time, and would otherwise read the whole
-- table, which keeps every keyed POST's answer, for each batch. A key
-- still running (status 0, migration 0032's index) is never expired, so it
-- is not indexed here; it enters this index when its answer is written.
CREATE INDEX idempotency_keys_answered_age ON idempotency_keys (created_at) WHERE status <> 0;

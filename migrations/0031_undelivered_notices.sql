-- The notices no webhook has taken yet, by their org (issue 17). The
-- webhook dispatcher asks for them every half second (Outbox::
-- undelivered_notices: delivered_at IS NULL for its orgs, oldest first),
-- and the start counts them for xueji_notices_waiting. No index named
-- delivered_at, so both read the whole table, which keeps every notice
-- ever sent (Art. 15's escalations among them): 167 ms at 200,000 notices
-- on PostgreSQL, twice a second while the server runs, and growing. A
-- delivered notice leaves this index; those of orgs with no webhook stay
-- in it, as they stay undelivered, but the dispatcher never reads them.
CREATE INDEX notices_undelivered ON notices (org, at, id) WHERE delivered_at IS NULL;

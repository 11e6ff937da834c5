-- A hot standby's warm deadline index (docs/reliability.md, "A hot
-- standby"; adapters/store/warm_deadlines.h). The standby reads the index
-- whole once while it waits, then only the case rows written since: each
-- PostgreSQL batch marks the rows it writes with its transaction's id, so
-- "written since" is "written by a transaction not finished when the last
-- read began" (pg_snapshot_xmin), whatever order transactions commit in.
-- SQLite has no standby: the column stays empty there.
ALTER TABLE cases ADD COLUMN written_xid xid8;
CREATE INDEX cases_written_xid ON cases (written_xid) WHERE written_xid IS NOT NULL;

-- The epoch whose holder marks its rows: take_lease sets it to the epoch
-- it takes. A server from before this migration takes the lease without
-- setting it, so a standby knows its copy missed that holder's writes and
-- reads the index whole at takeover instead.
ALTER TABLE engine_lease ADD COLUMN marked_epoch BIGINT NOT NULL DEFAULT 0;

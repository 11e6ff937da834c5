-- Who holds each open case now, so an org's pending and overdue lists are an
-- index lookup, not a scan of snapshots; and the answers to POSTs made with
-- an Idempotency-Key, so a retried request gets its first answer.

ALTER TABLE cases ADD COLUMN active_step TEXT;
ALTER TABLE cases ADD COLUMN active_org TEXT;
ALTER TABLE cases ADD COLUMN holder TEXT;
ALTER TABLE cases ADD COLUMN active_due TEXT;
ALTER TABLE cases ADD COLUMN holder_due TEXT;
CREATE INDEX cases_active_org ON cases (active_org);
CREATE INDEX cases_holder ON cases (holder);

CREATE TABLE idempotency_keys (
  key          TEXT PRIMARY KEY,
  request_hash TEXT NOT NULL,
  status       INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  body         TEXT NOT NULL,
  created_at   BIGINT NOT NULL
);

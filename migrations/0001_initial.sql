-- Xueji's first schema. One file per version, applied in order, each in one
-- transaction, recorded in schema_migrations. Portable SQL only: the same
-- file runs on PostgreSQL and SQLite (TEXT, BIGINT, INTEGER; no serials, no
-- blobs: ids are assigned by the engine, snapshots are base64 text).

CREATE TABLE orgs (
  code   TEXT PRIMARY KEY,
  name   TEXT NOT NULL,
  level  TEXT NOT NULL,
  parent TEXT NOT NULL
);

-- One person, one registration (Art. 8, 9): at most one live registration per
-- resident ID, enforced by the database as well as the engine.
CREATE TABLE students (
  registration_number TEXT PRIMARY KEY,
  resident_id         TEXT NOT NULL,
  name                TEXT NOT NULL,
  school              TEXT NOT NULL,
  grade               INTEGER NOT NULL,
  status              TEXT NOT NULL,
  birth_date          TEXT NOT NULL,
  gender              TEXT NOT NULL
);
CREATE UNIQUE INDEX students_live_resident_id ON students (resident_id)
  WHERE resident_id <> '' AND status NOT IN ('deregistered', 'graduated');
CREATE INDEX students_school ON students (school);

-- A case's current state: the snapshot (cereal binary, base64) and the
-- instant its next timer is due, the deadline index the scheduler reads.
CREATE TABLE cases (
  id           TEXT PRIMARY KEY,
  kind         TEXT NOT NULL,
  status       TEXT NOT NULL,
  rule_version TEXT NOT NULL,
  subject      TEXT NOT NULL,
  event_count  BIGINT NOT NULL,
  next_instant BIGINT,
  snapshot     TEXT NOT NULL,
  updated_at   BIGINT NOT NULL
);
CREATE INDEX cases_next_instant ON cases (next_instant);

-- Append-only history; (case_id, seq) is unique, so an event can never be
-- written twice.
CREATE TABLE case_events (
  case_id TEXT NOT NULL,
  seq     BIGINT NOT NULL,
  type    TEXT NOT NULL,
  at      BIGINT NOT NULL,
  body    TEXT NOT NULL,
  PRIMARY KEY (case_id, seq)
);

-- The transactional outbox: written with the transition that caused it,
-- delivered at least once, each with a stable id receivers can dedupe on.
CREATE TABLE notices (
  id           TEXT PRIMARY KEY,
  org          TEXT NOT NULL,
  case_id      TEXT NOT NULL,
  kind         TEXT NOT NULL,
  at           BIGINT NOT NULL,
  body         TEXT NOT NULL,
  delivered_at BIGINT
);
CREATE INDEX notices_org ON notices (org, at);

-- The audit trail (hash-chained entries; filled by the accounts issue).
CREATE TABLE audit_entries (
  seq        BIGINT PRIMARY KEY,
  at         BIGINT NOT NULL,
  account    TEXT NOT NULL,
  org        TEXT NOT NULL,
  action     TEXT NOT NULL,
  target     TEXT NOT NULL,
  outcome    TEXT NOT NULL,
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
);

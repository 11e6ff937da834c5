-- The supervisor's figures (Art. 25, 26; issue 19), kept up to date by the
-- journal in the same transaction as the transitions that change them
-- (engine/case/step_statistics.h), so that a view of any org's subtree
-- reads a few rows by primary key instead of scanning cases. Each figure
-- is stored once per "scope": the org it belongs to and every org above it
-- up to the ministry, so a scope's rows are its whole subtree's.
--
-- An upgraded database gets its figures from its cases' events at the
-- next start of `xueji serve` or `xueji migrate` (adapters/store/
-- statistics_backfill.cc): counting working days needs the calendars,
-- which SQL does not have. statistics_backfill holds one row until then.

-- Steps decided (on time: by the party's own due date) and escalations
-- received, per scope, month (YYYY-MM, Beijing) and case kind.
CREATE TABLE statistics_monthly (
  scope                TEXT NOT NULL,
  month                TEXT NOT NULL,
  kind                 TEXT NOT NULL,
  decided              BIGINT NOT NULL,
  decided_on_time      BIGINT NOT NULL,
  escalations_received BIGINT NOT NULL,
  PRIMARY KEY (scope, month, kind)
);

-- Steps decided in so many working days (0..60; 61 holds the longer ones),
-- the histogram the median is read from.
CREATE TABLE statistics_decision_days (
  scope        TEXT NOT NULL,
  month        TEXT NOT NULL,
  kind         TEXT NOT NULL,
  working_days INTEGER NOT NULL,
  decided      BIGINT NOT NULL,
  PRIMARY KEY (scope, month, kind, working_days)
);

-- Open and overdue steps now, per scope, the level of the step's party
-- (school, county, city, province, ministry) and case kind.
CREATE TABLE statistics_open_steps (
  scope         TEXT NOT NULL,
  level         TEXT NOT NULL,
  kind          TEXT NOT NULL,
  open_steps    BIGINT NOT NULL,
  overdue_steps BIGINT NOT NULL,
  PRIMARY KEY (scope, level, kind)
);

CREATE TABLE statistics_backfill (
  pending INTEGER PRIMARY KEY
);
INSERT INTO statistics_backfill (pending) VALUES (1);

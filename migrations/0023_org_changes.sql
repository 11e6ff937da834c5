-- Schools that open, are renamed, merge or close on a running engine (Art.
-- 12; engine/org/org_change.h). Each change in order: a start replays the
-- org file and then these. `finished_at` is set once a merger's or
-- closure's hand-over (its open cases to the successor, its records moved)
-- has run to its end; a start resumes one left unfinished.
CREATE TABLE org_changes (
  seq         BIGINT PRIMARY KEY,
  at          BIGINT NOT NULL,
  kind        TEXT NOT NULL,
  school      TEXT NOT NULL,
  name        TEXT NOT NULL,
  parent      TEXT NOT NULL,
  school_type TEXT NOT NULL,
  successor   TEXT NOT NULL,
  by_account  TEXT NOT NULL,
  reason      TEXT NOT NULL,
  finished_at BIGINT
);

-- Each school that merged or closed and its successor (every successor that
-- merged on is followed to the org acting now): the compare-and-set of a
-- case's record write takes a record at a school's successor as at the
-- school (adapters/store/batch_rows.cc, engine/case/student_effect.h).
CREATE TABLE school_successors (
  school    TEXT PRIMARY KEY,
  successor TEXT NOT NULL
);

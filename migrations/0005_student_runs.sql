-- The runs over many students (the promotion of Art. 7): one row per run,
-- updated in the transaction of each of its batches, so a run interrupted
-- by a crash resumes after the last registration number it passed and
-- changes no record twice.
CREATE TABLE student_runs (
  id          TEXT PRIMARY KEY,
  kind        TEXT NOT NULL,
  scope       TEXT NOT NULL,
  started_at  BIGINT NOT NULL,
  finished_at BIGINT,
  last_number TEXT NOT NULL,
  changed     BIGINT NOT NULL
);

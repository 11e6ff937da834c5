-- A restart at size (issue 17, docs/performance.md "Restart and /metrics at
-- size"): what a start reads is served from indexes, not from the table,
-- whose rows carry ~1 KB of snapshot each. Each index replaces one of the
-- same use, so a transition writes as many index entries as before.

-- The deadline index every start loads (SELECT id, next_instant ... ORDER
-- BY next_instant, id): read in order from here, an index-only scan,
-- instead of a sequential scan of the whole table and a sort on disk. The
-- one-column index of migration 0001, its prefix, goes.
CREATE INDEX cases_next_instant_id ON cases (next_instant, id);
DROP INDEX cases_next_instant;

-- The open cases per kind counted at start for /metrics (COUNT(*) ... WHERE
-- status = 'open' GROUP BY kind): an index-only scan of the live cases'
-- subjects, which now carry their status and kind. Lookups by subject
-- read its prefix as before; it replaces migration 0009's one-column index.
CREATE INDEX cases_live_subject_kind ON cases (subject, status, kind)
  WHERE status IN ('open', 'in_term');
DROP INDEX cases_live_subject;

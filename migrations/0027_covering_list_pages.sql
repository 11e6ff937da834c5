-- A page of a school's pending or overdue list read from its index alone
-- (issue 17, docs/performance.md "Pages from their index alone"). The
-- indexes of migration 0011 gave each page's rows in order, but every row
-- was then fetched from the table, whose rows carry ~1 KB of snapshot: a
-- pending page cost PostgreSQL 0.82 ms, most of it in those fetches. These
-- replace them with the same keys first and every column the pages select
-- after (kActiveStepColumns, adapters/store/read_model.cc), so PostgreSQL
-- scans the index only and SQLite reads a covering index; SQLite also
-- wants `status`, which the pages' predicate names, to read no table row.
-- INCLUDE would keep the extra columns out of the key, but SQLite has no
-- INCLUDE.
-- A transition changes these columns and so rewrote these entries before;
-- it writes as many index entries as before, each a little longer.

DROP INDEX cases_pending_org;
CREATE INDEX cases_pending_org
  ON cases (active_org, holder_due, id, kind, active_step, holder, active_due, status)
  WHERE status = 'open' AND active_step IS NOT NULL;
DROP INDEX cases_pending_holder;
CREATE INDEX cases_pending_holder
  ON cases (holder, holder_due, id, kind, active_step, active_org, active_due, status)
  WHERE status = 'open' AND active_step IS NOT NULL;
DROP INDEX cases_overdue_org;
CREATE INDEX cases_overdue_org
  ON cases (active_org, active_due, id, kind, active_step, holder, holder_due, status)
  WHERE status = 'open' AND active_step IS NOT NULL;

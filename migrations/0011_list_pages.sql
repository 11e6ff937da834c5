-- The lists in pages (issue 17): each page is a keyset query (WHERE key >
-- the cursor's key ORDER BY key LIMIT n + 1), read in order from one of
-- these indexes, so a page deep in an org's 100,000 open cases costs what
-- the first one does. Partial indexes hold only open cases with an active
-- step, the rows every pending and overdue list reads; the queries repeat
-- the predicate word for word, as SQLite wants to use a partial index.

-- Pending: an org's own steps and those escalated to it, by (holder_due,
-- id). They replace the one-column indexes of migration 0002, which only
-- these lists read.
CREATE INDEX cases_pending_org ON cases (active_org, holder_due, id)
  WHERE status = 'open' AND active_step IS NOT NULL;
CREATE INDEX cases_pending_holder ON cases (holder, holder_due, id)
  WHERE status = 'open' AND active_step IS NOT NULL;
DROP INDEX cases_active_org;
DROP INDEX cases_holder;

-- Overdue: a subtree's steps past the party's own due date, by
-- (active_due, id); the subtree is walked down the orgs' parent column and
-- the overdue steps read in order, those of other orgs skipped. An org
-- without orgs below it (a school) reads its own rows only, by the second.
CREATE INDEX cases_overdue ON cases (active_due, id)
  WHERE status = 'open' AND active_step IS NOT NULL;
CREATE INDEX cases_overdue_org ON cases (active_org, active_due, id)
  WHERE status = 'open' AND active_step IS NOT NULL;
CREATE INDEX orgs_parent ON orgs (parent);

-- Notices: an org's inbox by (at, id); the outbox's (org, at) reads use its
-- prefix, so the older index goes.
CREATE INDEX notices_org_page ON notices (org, at, id);
DROP INDEX notices_org;

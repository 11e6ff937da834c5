-- A pending page reads two indexes (adapters/store/list_pages.cc): the steps
-- an org is the party to, and the steps it holds. A step is held by its own
-- party until its deadline passes and it climbs to the party's superior
-- (Art. 15), so nearly every open step stood in both indexes
-- with the same key: each page read its rows twice, and PostgreSQL paid a
-- hash and a sort to drop the copies (the page's query alone, by pgbench on
-- two clients: 7,330/s before, 18,480/s after; docs/performance.md,
-- "Pending pages without their copies"). The holder's index now holds
-- only the steps held by another org than their party (an escalation,
-- Art. 15): its side of the page is disjoint from the party's,
-- the two sides merge in order without a sort, and a transition of an
-- unescalated step writes one index entry fewer. The predicate must stay
-- word for word what the page's holder side says, for either planner to
-- pick this index. Like migration 0027, every column the page selects.

DROP INDEX cases_pending_holder;
CREATE INDEX cases_pending_held
  ON cases (holder, holder_due, id, kind, active_step, active_org, active_due, status)
  WHERE status = 'open' AND active_step IS NOT NULL AND holder <> active_org;

-- An org's overdue and open-steps pages above a school (issue 17), as
-- migration 0033 did for its roster. A page above a school read every
-- open step of the subtree and sorted them: 0.43 s a page at a province of
-- a million open cases, 13 ms at a city. Each open step now names the
-- education authority over its party: the party itself, or a school's
-- parent, the county or the city or province that runs it (Art. 5). A
-- page above a school merges the first steps after its position of each
-- such authority in the subtree (ReadModel::overdue_page): at most a page
-- of index entries from each of a province's ~140, whatever they hold.
--
-- A school's parent never changes (engine/org/org_change.h), so the column
-- follows the step's party alone. The case actor names it as it writes the
-- case, from its org tree (OrgTree::authority_over): a lookup of orgs in
-- the batch statement cost PostgreSQL a fifth of its store ceiling. Here,
-- and in seed_orgs for steps stored before the orgs, SQL names it the same
-- way: the party's parent when the party is a known school, else the
-- party itself. A step loaded by hand without it is in no page above its
-- party.
--
-- Only open steps are filled: the index holds no other row, and a case
-- that is written again is written whole.
ALTER TABLE cases ADD COLUMN active_authority TEXT;
UPDATE cases SET active_authority = COALESCE(
  (SELECT parent FROM orgs WHERE orgs.code = cases.active_org AND orgs.level = 'school'),
  active_org)
  WHERE status = 'open' AND active_step IS NOT NULL;
-- Covering, like migration 0027's: a page reads the index alone.
CREATE INDEX cases_overdue_authority
  ON cases (active_authority, active_due, id, kind, active_step, active_org, holder, holder_due,
            status)
  WHERE status = 'open' AND active_step IS NOT NULL;

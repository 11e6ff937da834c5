-- The dropout ledger's follow-ups (Art. 17) in pages above a school
-- (issue 17). The ledger is an org's open steps of one kind, and a page
-- read them from the indexes of every open step (migrations 0027, 0034),
-- passing over the steps of every other kind: follow-ups are few beside a
-- term's transfers and archive steps, so a page read nearly every open step
-- of each authority of the subtree, and at the ministry a page from each of
-- a national tree's ~4,000 authorities (172-222 ms at a million open
-- transfers on PostgreSQL). These hold the follow-ups alone, by authority
-- and in due order, with every column a page selects (covering, as
-- migration 0027's): a page costs a page of entries from each authority,
-- and at the ministry one page in due order. Other steps write nothing to
-- them. ReadModel::overdue_page names the kind as a literal, which a
-- partial index needs to be chosen.
CREATE INDEX cases_follow_ups_authority
  ON cases (active_authority, active_due, id, kind, active_step, active_org, holder, holder_due,
            status)
  WHERE kind = 'dropout_follow_up' AND status = 'open' AND active_step IS NOT NULL;
CREATE INDEX cases_follow_ups
  ON cases (active_due, id, kind, active_step, active_org, holder, holder_due, status,
            active_authority)
  WHERE kind = 'dropout_follow_up' AND status = 'open' AND active_step IS NOT NULL;

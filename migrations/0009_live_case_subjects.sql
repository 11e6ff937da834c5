-- A case is live while a step waits (open) and while its term runs
-- (in_term: an approved leave or deferral). Both end when the record
-- closes (a death ends a leave in its term, Art. 21), and a graduation run
-- (Art. 19) leaves alone every record with a live case: the subjects of
-- both are looked up by this index, which replaces the open-only one.
DROP INDEX cases_open_subject;
CREATE INDEX cases_live_subject ON cases (subject) WHERE status IN ('open', 'in_term');

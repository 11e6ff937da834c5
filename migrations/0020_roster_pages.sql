-- An org's roster in pages (issue 17): a school's records read in order of
-- registration number from (school, registration_number), so a page deep
-- in a large school's roster costs what the first one does. Above a
-- school, the subtree's records after the position are read (by the
-- primary key's range or each school's range of this index) and the
-- first page kept. The one-column index on school, a prefix of the new
-- one, goes.
CREATE INDEX students_school_page ON students (school, registration_number);
DROP INDEX students_school;

-- An org's open cases read the partial indexes of migration 0011
-- (cases_overdue, cases_overdue_org): nothing to add.

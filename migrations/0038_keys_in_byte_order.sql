-- Every text column compares byte by byte (COLLATE "C") on PostgreSQL, as
-- SQLite's always did (BINARY). The columns hold keys and codes (case ids,
-- registration numbers, org codes, kinds, statuses, dates as text), never
-- compared as words; a database made with a locale (the throwaway
-- clusters' C.UTF-8, a deployment's zh_CN.UTF-8) compared them through
-- strcoll, and every write walks the cases' dozen indexes by them: with
-- byte order `transition_bench` ran 7-21% faster (docs/performance.md,
-- session 49). The two backends now also page every list in the same
-- order, whatever the database's locale.
-- Only indexes on these columns are rebuilt, not the tables (the type is
-- the same); the tables are locked meanwhile: at a million open cases the
-- upgrade takes the time docs/operations.md gives. A new text column is
-- declared COLLATE "C" too (tests/store/journal_plans_test.cc checks).
-- The view over retired_numbers and the triggers on students (migration
-- 0033) are made again around their columns' change, as they were.
-- backend: postgresql
DROP VIEW registration_aliases;
-- backend: postgresql
DROP TRIGGER students_school_parent_on_insert ON students;
-- backend: postgresql
DROP TRIGGER students_school_parent_on_move ON students;
-- backend: postgresql
ALTER TABLE accounts
  ALTER COLUMN name TYPE text COLLATE "C",
  ALTER COLUMN org TYPE text COLLATE "C",
  ALTER COLUMN role TYPE text COLLATE "C",
  ALTER COLUMN kind TYPE text COLLATE "C",
  ALTER COLUMN password_hash TYPE text COLLATE "C",
  ALTER COLUMN password_changed TYPE text COLLATE "C",
  ALTER COLUMN last_used TYPE text COLLATE "C",
  ALTER COLUMN capabilities TYPE text COLLATE "C";
-- backend: postgresql
ALTER TABLE archive_duties
  ALTER COLUMN case_id TYPE text COLLATE "C",
  ALTER COLUMN kind TYPE text COLLATE "C",
  ALTER COLUMN subject TYPE text COLLATE "C",
  ALTER COLUMN school TYPE text COLLATE "C";
-- backend: postgresql
ALTER TABLE audit_archives
  ALTER COLUMN month TYPE text COLLATE "C",
  ALTER COLUMN last_hash TYPE text COLLATE "C",
  ALTER COLUMN file TYPE text COLLATE "C",
  ALTER COLUMN file_sha256 TYPE text COLLATE "C";
-- backend: postgresql
ALTER TABLE audit_entries
  ALTER COLUMN account TYPE text COLLATE "C",
  ALTER COLUMN org TYPE text COLLATE "C",
  ALTER COLUMN action TYPE text COLLATE "C",
  ALTER COLUMN target TYPE text COLLATE "C",
  ALTER COLUMN outcome TYPE text COLLATE "C",
  ALTER COLUMN prev_hash TYPE text COLLATE "C",
  ALTER COLUMN hash TYPE text COLLATE "C",
  ALTER COLUMN detail TYPE text COLLATE "C";
-- backend: postgresql
ALTER TABLE audit_head
  ALTER COLUMN hash TYPE text COLLATE "C";
-- backend: postgresql
ALTER TABLE case_events
  ALTER COLUMN case_id TYPE text COLLATE "C",
  ALTER COLUMN type TYPE text COLLATE "C",
  ALTER COLUMN body TYPE text COLLATE "C";
-- backend: postgresql
ALTER TABLE cases
  ALTER COLUMN id TYPE text COLLATE "C",
  ALTER COLUMN kind TYPE text COLLATE "C",
  ALTER COLUMN status TYPE text COLLATE "C",
  ALTER COLUMN rule_version TYPE text COLLATE "C",
  ALTER COLUMN subject TYPE text COLLATE "C",
  ALTER COLUMN snapshot TYPE text COLLATE "C",
  ALTER COLUMN active_step TYPE text COLLATE "C",
  ALTER COLUMN active_org TYPE text COLLATE "C",
  ALTER COLUMN holder TYPE text COLLATE "C",
  ALTER COLUMN active_due TYPE text COLLATE "C",
  ALTER COLUMN holder_due TYPE text COLLATE "C",
  ALTER COLUMN active_authority TYPE text COLLATE "C";
-- backend: postgresql
ALTER TABLE engine_lease
  ALTER COLUMN holder TYPE text COLLATE "C",
  ALTER COLUMN address TYPE text COLLATE "C";
-- backend: postgresql
ALTER TABLE idempotency_keys
  ALTER COLUMN key TYPE text COLLATE "C",
  ALTER COLUMN request_hash TYPE text COLLATE "C",
  ALTER COLUMN content_type TYPE text COLLATE "C",
  ALTER COLUMN body TYPE text COLLATE "C";
-- backend: postgresql
ALTER TABLE issued_numbers
  ALTER COLUMN number TYPE text COLLATE "C";
-- backend: postgresql
ALTER TABLE notices
  ALTER COLUMN id TYPE text COLLATE "C",
  ALTER COLUMN org TYPE text COLLATE "C",
  ALTER COLUMN case_id TYPE text COLLATE "C",
  ALTER COLUMN kind TYPE text COLLATE "C",
  ALTER COLUMN body TYPE text COLLATE "C";
-- backend: postgresql
ALTER TABLE org_changes
  ALTER COLUMN kind TYPE text COLLATE "C",
  ALTER COLUMN school TYPE text COLLATE "C",
  ALTER COLUMN name TYPE text COLLATE "C",
  ALTER COLUMN parent TYPE text COLLATE "C",
  ALTER COLUMN school_type TYPE text COLLATE "C",
  ALTER COLUMN successor TYPE text COLLATE "C",
  ALTER COLUMN by_account TYPE text COLLATE "C",
  ALTER COLUMN reason TYPE text COLLATE "C";
-- backend: postgresql
ALTER TABLE orgs
  ALTER COLUMN code TYPE text COLLATE "C",
  ALTER COLUMN name TYPE text COLLATE "C",
  ALTER COLUMN level TYPE text COLLATE "C",
  ALTER COLUMN parent TYPE text COLLATE "C",
  ALTER COLUMN school_type TYPE text COLLATE "C";
-- backend: postgresql
ALTER TABLE owed_follow_ups
  ALTER COLUMN id TYPE text COLLATE "C",
  ALTER COLUMN subject TYPE text COLLATE "C",
  ALTER COLUMN by_case TYPE text COLLATE "C",
  ALTER COLUMN body TYPE text COLLATE "C";
-- backend: postgresql
ALTER TABLE progress_codes
  ALTER COLUMN code_hash TYPE text COLLATE "C",
  ALTER COLUMN case_id TYPE text COLLATE "C";
-- backend: postgresql
ALTER TABLE retired_numbers
  ALTER COLUMN number TYPE text COLLATE "C",
  ALTER COLUMN replaced_by TYPE text COLLATE "C";
-- backend: postgresql
ALTER TABLE schema_migrations
  ALTER COLUMN name TYPE text COLLATE "C";
-- backend: postgresql
ALTER TABLE school_successors
  ALTER COLUMN school TYPE text COLLATE "C",
  ALTER COLUMN successor TYPE text COLLATE "C";
-- backend: postgresql
ALTER TABLE statistics_decision_days
  ALTER COLUMN scope TYPE text COLLATE "C",
  ALTER COLUMN month TYPE text COLLATE "C",
  ALTER COLUMN kind TYPE text COLLATE "C";
-- backend: postgresql
ALTER TABLE statistics_monthly
  ALTER COLUMN scope TYPE text COLLATE "C",
  ALTER COLUMN month TYPE text COLLATE "C",
  ALTER COLUMN kind TYPE text COLLATE "C";
-- backend: postgresql
ALTER TABLE statistics_open_steps
  ALTER COLUMN scope TYPE text COLLATE "C",
  ALTER COLUMN level TYPE text COLLATE "C",
  ALTER COLUMN kind TYPE text COLLATE "C";
-- backend: postgresql
ALTER TABLE student_history
  ALTER COLUMN registration_number TYPE text COLLATE "C",
  ALTER COLUMN field TYPE text COLLATE "C",
  ALTER COLUMN old_value TYPE text COLLATE "C",
  ALTER COLUMN new_value TYPE text COLLATE "C",
  ALTER COLUMN source TYPE text COLLATE "C";
-- backend: postgresql
ALTER TABLE student_runs
  ALTER COLUMN id TYPE text COLLATE "C",
  ALTER COLUMN kind TYPE text COLLATE "C",
  ALTER COLUMN scope TYPE text COLLATE "C",
  ALTER COLUMN last_number TYPE text COLLATE "C";
-- backend: postgresql
ALTER TABLE students
  ALTER COLUMN registration_number TYPE text COLLATE "C",
  ALTER COLUMN resident_id TYPE text COLLATE "C",
  ALTER COLUMN name TYPE text COLLATE "C",
  ALTER COLUMN school TYPE text COLLATE "C",
  ALTER COLUMN status TYPE text COLLATE "C",
  ALTER COLUMN birth_date TYPE text COLLATE "C",
  ALTER COLUMN gender TYPE text COLLATE "C",
  ALTER COLUMN school_parent TYPE text COLLATE "C";
-- backend: postgresql
ALTER TABLE tokens
  ALTER COLUMN id TYPE text COLLATE "C",
  ALTER COLUMN token_hash TYPE text COLLATE "C",
  ALTER COLUMN account TYPE text COLLATE "C",
  ALTER COLUMN kind TYPE text COLLATE "C";
-- backend: postgresql
CREATE VIEW registration_aliases AS
  SELECT number AS old_number, replaced_by AS new_number FROM retired_numbers;
-- backend: postgresql
CREATE TRIGGER students_school_parent_on_insert BEFORE INSERT ON students
  FOR EACH ROW WHEN (NEW.school_parent IS NULL) EXECUTE FUNCTION students_school_parent();
-- backend: postgresql
CREATE TRIGGER students_school_parent_on_move BEFORE UPDATE OF school ON students
  FOR EACH ROW WHEN (NEW.school IS DISTINCT FROM OLD.school)
  EXECUTE FUNCTION students_school_parent();

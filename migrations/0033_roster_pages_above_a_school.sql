-- An org's roster in pages above a school (issue 17). Migration 0020's
-- (school, registration_number) serves a school; above one, a page sorted
-- its whole subtree's records by number: 1.15 s a page at a province of a
-- million students, 57 ms at a city, after walking all 20,000 of its
-- schools. Each record now names its school's parent: the county, or the
-- city or province that runs the school directly (Art. 5). A page above a
-- school merges the first numbers after its position of each such org in
-- the subtree and reads only the page's records (ReadModel::students_page):
-- at most a page of index entries from each of a province's ~140,
-- whatever their rosters hold.
--
-- A school's parent never changes (orgs are inserted and renamed, never
-- moved: engine/org/org_change.h), so the column follows the record's
-- school alone. A registration's INSERT names it (record_rows.cc): a
-- trigger on insert cost PostgreSQL 15-20 us a row of an import, and on
-- SQLite any trigger on insert, even one that never fires, made each row
-- four to five times dearer. On PostgreSQL a trigger fills it for a row
-- inserted without it (a COPY by hand, a bench's load), a check the
-- server makes without calling the function; on both, triggers follow a
-- record that moves school (a transfer, a stage's move, a merger's
-- hand-over). A school not in orgs leaves it NULL: such a record is in no
-- subtree, as before. A store whose orgs are seeded after its records is
-- filled by seed_orgs.
ALTER TABLE students ADD COLUMN school_parent TEXT;
UPDATE students SET school_parent = (SELECT parent FROM orgs WHERE orgs.code = students.school);
CREATE INDEX students_parent_page ON students (school_parent, registration_number);

-- The orgs a school can belong to, by parent: the subtree's walk above the
-- schools reads these few rows, not the 20,000 schools of a province.
CREATE INDEX orgs_parent_above_schools ON orgs (parent) WHERE level <> 'school';

-- backend: postgresql
CREATE FUNCTION students_school_parent() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN SELECT parent INTO NEW.school_parent FROM orgs WHERE code = NEW.school; RETURN NEW; END $$;
-- backend: postgresql
CREATE TRIGGER students_school_parent_on_insert BEFORE INSERT ON students
  FOR EACH ROW WHEN (NEW.school_parent IS NULL) EXECUTE FUNCTION students_school_parent();
-- backend: postgresql
CREATE TRIGGER students_school_parent_on_move BEFORE UPDATE OF school ON students
  FOR EACH ROW WHEN (NEW.school IS DISTINCT FROM OLD.school)
  EXECUTE FUNCTION students_school_parent();

-- backend: sqlite3
CREATE TRIGGER students_school_parent_on_move AFTER UPDATE OF school ON students
  WHEN NEW.school IS NOT OLD.school BEGIN
  UPDATE students SET school_parent = (SELECT parent FROM orgs WHERE code = NEW.school)
    WHERE registration_number = NEW.registration_number; END;

-- One record for life (Art. 8, 13): every value a record's field had, with
-- what changed it. A row per field a write changed: a case's completion
-- (source = the case id), a correction after a promotion (source =
-- 'correction:' + the run id). The runs over many students are recorded
-- in student_runs instead of one row per record they moved.
CREATE TABLE student_history (
  registration_number TEXT NOT NULL,
  version             BIGINT NOT NULL,  -- the record's version after the write
  field               TEXT NOT NULL,    -- name, resident_id, birth_date, gender, grade, school, status
  old_value           TEXT NOT NULL,
  new_value           TEXT NOT NULL,
  source              TEXT NOT NULL,
  at                  BIGINT NOT NULL,  -- unix seconds
  PRIMARY KEY (registration_number, version, field)
);

-- Graduation (Art. 19) closes a record three ways: graduated, completed
-- (结业) or incomplete (肄业). Each frees the resident ID like any closed
-- record, until the next stage's school takes the record over (Art. 14).
DROP INDEX students_live_resident_id;
CREATE UNIQUE INDEX students_live_resident_id ON students (resident_id)
  WHERE resident_id <> ''
    AND status NOT IN ('deregistered', 'graduated', 'deceased', 'withdrawn', 'completed',
                       'incomplete');

-- Art. 14: a special-education student learning in an ordinary class
-- (随班就读) carries the mark on the record, set and cleared by an
-- info_change resting on the expert committee's assessment
-- (engine/student/student.h). 1 marked, 0 not; records before are unmarked.
ALTER TABLE students ADD COLUMN special_needs INTEGER NOT NULL DEFAULT 0;

-- :students students spread over 100 schools of one county, every grade,
-- one in fifty on leave: the table a promotion run (scripts/bench.sh)
-- and the UPDATE it is compared with both start from.
-- Until the province-sized intake generator (issue 17) exists, this is
-- the bench's generator.
TRUNCATE students, student_runs;
INSERT INTO students (registration_number, resident_id, name, school, grade, status, birth_date,
                      gender)
SELECT 'G' || lpad(i::text, 18, '0'), lpad(i::text, 18, '0'), '学生',
       '45010200' || lpad((i % 100)::text, 2, '0'), 1 + i % 12,
       CASE WHEN i % 50 = 0 THEN 'on_leave' ELSE 'enrolled' END, '2015-09-01', 'male'
FROM generate_series(1, :students) AS i;
VACUUM ANALYZE students;

-- A school's type (Art. 2: primary, junior, senior, nine_year, twelve_year,
-- special_education, specialised), from which its grades follow: the
-- registration route refuses a grade the school does not teach, and the
-- promotion run (Art. 7) moves 6 -> 7 and 9 -> 10 inside the schools that
-- teach both sides. '' for the other levels, and for the schools of a
-- database seeded before types existed (taken to teach grades 1-12 until
-- the orgs are seeded again).
ALTER TABLE orgs ADD COLUMN school_type TEXT NOT NULL DEFAULT '';

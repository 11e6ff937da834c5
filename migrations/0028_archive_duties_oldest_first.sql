-- The start and the sweep read the archive steps owed a page at a time
-- (issue 17: a million after an intake's import), oldest first as they
-- always read them: an import's rows were owed in the order it stored
-- them, so their openings touch the students' rows in that order, a few
-- heap pages per commit. Read in case id order (random), each commit of
-- 256 openings touched 256 pages: the first start after 300,000 entrants
-- took 64-89 s rather than 48 s. Each page starts after the last duty
-- of the one before, by this index.
CREATE INDEX archive_duties_oldest_first ON archive_duties (owed_since, case_id);

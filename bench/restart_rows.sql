-- The rows of scripts/bench.sh's `restart` section (issue 17): :cases open
-- transfer cases, as a term's peak leaves them, written straight into a
-- freshly migrated database (psql -v cases=N). Each waits at its sending
-- school (five schools of the demo tree, one in ten escalated to the
-- county) with its timer armed: next_instant is a statutory 24:00 Beijing
-- (16:00 UTC), spread evenly over the 90 days from the day after tomorrow,
-- so none falls due while the benchmark runs and `xueji serve` must load
-- every one into its deadline index at start (Runtime::start).
--
-- A restarted engine holds only (id, next_instant) of each case: the case
-- stays passivated, its snapshot read only when its timer fires or someone
-- asks for it. The snapshot here is a stand-in of a real one's size (about
-- 1 KB of base64, tests/store/fixtures/schema3_open_transfer.sql), so the
-- table is as wide as a real one; it is never decoded during the benchmark.
-- No student rows: nothing read at start joins them to open cases except
-- the closed-records check, which finds none, as on a healthy database.
-- No events: the statistics are marked backfilled, as after a first start.
INSERT INTO cases
SELECT 'C' || lpad(to_hex(g), 16, '0'), 'transfer', 'open', 'eff5ff66bd104fa0',
  'G' || lpad(g::text, 18, '0'), 2, due, repeat('AQAAABEAAAAAAAAAQzU5', 50), due - 20 * 86400,
  CASE WHEN g % 10 = 0 THEN 'sending_county' ELSE 'sending_school' END,
  CASE WHEN g % 10 = 0 THEN '450102'
       ELSE (ARRAY['4501020001', '4501020002', '4501020003', '4501030001', '4501030002'])[1 + g % 5] END,
  CASE WHEN g % 10 = 0 THEN '450102'
       ELSE (ARRAY['4501020001', '4501020002', '4501020003', '4501030001', '4501030002'])[1 + g % 5] END,
  day, day, NULL,
  -- The party's authority (migration 0034): the county, a school's parent.
  CASE WHEN g % 10 = 0 THEN '450102'
       ELSE (ARRAY['450102', '450102', '450102', '450103', '450103'])[1 + g % 5] END
FROM (
  SELECT g, due, to_char(to_timestamp(due - 86400) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day
  FROM (
    SELECT g, (floor(extract(epoch FROM now()) / 86400)::bigint + 3 + g % 90) * 86400 - 8 * 3600 AS due
    FROM generate_series(1, :cases) g
  ) timed
) dated;
DELETE FROM statistics_backfill;
VACUUM ANALYZE cases;
CHECKPOINT;

-- The rows of scripts/bench.sh's `pages` section (issue 17): 100,000 open
-- cases whose active step is school 4501020001's (one in ten escalated to
-- its county 450102), 200,000 open at other schools of the demo tree,
-- 100,000 closed, and 100,000 notices to the school, due dates spread over
-- three months. Written straight into the tables: the lists read only the
-- columns the journal fills (active_org, holder, active_due, holder_due,
-- and the party's authority, migration 0034; written_xid left NULL),
-- never a snapshot, and no timer is set (next_instant NULL), so the server
-- leaves these cases alone.
INSERT INTO cases SELECT 'C' || lpad(g::text, 9, '0'), 'transfer', 'open', 'bench', 'G' || g, 3,
  NULL, 'x', 0, 'sending_school', '4501020001',
  CASE WHEN g % 10 = 0 THEN '450102' ELSE '4501020001' END,
  to_char(date '2025-09-01' + (g % 90), 'YYYY-MM-DD'),
  to_char(date '2025-09-01' + (g % 97), 'YYYY-MM-DD'), NULL, '450102'
  FROM generate_series(1, 100000) g;
INSERT INTO cases SELECT 'D' || lpad(g::text, 9, '0'), 'transfer', 'open', 'bench', 'G' || g, 3,
  NULL, 'x', 0, 'sending_school',
  (ARRAY['4501020002', '4501020003', '4501030001', '4501030002'])[1 + g % 4], '450103',
  to_char(date '2025-09-01' + (g % 90), 'YYYY-MM-DD'),
  to_char(date '2025-09-01' + (g % 97), 'YYYY-MM-DD'), NULL,
  (ARRAY['450102', '450102', '450103', '450103'])[1 + g % 4]
  FROM generate_series(1, 200000) g;
INSERT INTO cases SELECT 'E' || lpad(g::text, 9, '0'), 'transfer', 'closed', 'bench', 'G' || g, 3,
  NULL, 'x', 0, NULL, NULL, NULL, NULL, NULL
  FROM generate_series(1, 100000) g;
INSERT INTO notices SELECT 'N' || lpad(g::text, 9, '0'), '4501020001', 'C000000001', 'reminder',
  1750000000 + g / 3, '{"step":"sending_school","due":"2025-10-16","text":"bench"}', 1750000000
  FROM generate_series(1, 100000) g;
-- Vacuumed, as autovacuum does within a minute of such a load, so the
-- pages' index-only scans (migration 0027) do not depend on when it comes.
VACUUM ANALYZE;

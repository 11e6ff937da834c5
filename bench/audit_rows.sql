-- A hash chain of :entries audit entries, as the server appends them
-- (engine/audit/audit_chain.cc: each field as "length:value", SHA-256 in
-- hex, seq 1 after the genesis), made in the database for `xueji audit
-- verify` and `xueji audit archive` to read: two Beijing months from
-- 2025-09-01 00:00 (+08:00), an entry every 5 seconds and, at a million,
-- into late November. Run on a migrated database whose trail is empty:
--   psql -v entries=1000000 -f bench/audit_rows.sql
\set ON_ERROR_STOP on
SET client_min_messages = warning;
CREATE TEMP TABLE chain_settings AS SELECT :entries::bigint AS entries;
DO $$
DECLARE
  n bigint := (SELECT entries FROM chain_settings);
  prev text := repeat('0', 64);
  h text;
  t bigint;
  target text;
  detail text;
  account text := 'reg.4401020001';
  org text := '4401020001';
  action text := 'student.register';
  outcome text := 'ok';
BEGIN
  IF (SELECT seq FROM audit_head WHERE id = 1) <> 0 THEN
    RAISE EXCEPTION 'the audit trail is not empty';
  END IF;
  FOR s IN 1..n LOOP
    t := 1756656000 + s * 5;  -- 2025-09-01T00:00:00+08:00
    target := 'student:G44010220250' || lpad(s::text, 7, '0');
    detail := 'school=4401020001 grade=1 name_sha256=' || md5(s::text) || md5(target);
    h := encode(sha256(convert_to(
           octet_length(prev) || ':' || prev ||
           octet_length(s::text) || ':' || s::text ||
           octet_length(t::text) || ':' || t::text ||
           octet_length(account) || ':' || account ||
           octet_length(org) || ':' || org ||
           octet_length(action) || ':' || action ||
           octet_length(target) || ':' || target ||
           octet_length(outcome) || ':' || outcome ||
           octet_length(detail) || ':' || detail, 'UTF8')), 'hex');
    INSERT INTO audit_entries (seq, at, account, org, action, target, outcome, detail, prev_hash, hash)
      VALUES (s, t, account, org, action, target, outcome, detail, prev, h);
    prev := h;
  END LOOP;
  UPDATE audit_head SET seq = n, hash = prev WHERE id = 1;
END $$;
ANALYZE audit_entries;

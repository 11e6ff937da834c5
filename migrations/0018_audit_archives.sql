-- Art. 24 (操作全程留痕): the audit trail grows with every request, reads
-- included. `xueji audit archive` moves whole months of old entries into
-- files and records each month here, in the same transaction that deletes
-- its entries: the last archived entry's number and hash are where the
-- entries left in the store chain from, so `audit verify` still checks
-- them, and the file's SHA-256 lets `audit verify --archives` check the
-- files themselves and the whole chain from genesis.
CREATE TABLE audit_archives (
  month       TEXT PRIMARY KEY,
  first_seq   BIGINT NOT NULL,
  last_seq    BIGINT NOT NULL,
  last_hash   TEXT NOT NULL,
  entries     BIGINT NOT NULL,
  file        TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  archived_at BIGINT NOT NULL
);

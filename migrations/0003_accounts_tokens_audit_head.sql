-- Accounts (Art. 5, 23: each belongs to one org of the five levels, with a role), the bearer
-- tokens they sign in with, and the head of the audit trail's hash chain.

CREATE TABLE accounts (
  name             TEXT PRIMARY KEY,
  org              TEXT NOT NULL,
  role             TEXT NOT NULL,
  kind             TEXT NOT NULL,
  password_hash    TEXT NOT NULL,
  password_changed TEXT NOT NULL,
  last_used        TEXT NOT NULL,
  -- The account's timer: when it is sealed unless used before (封存);
  -- NULL while sealed. The scheduler's index for accounts.
  seal_due         BIGINT,
  sealed_at        BIGINT,
  created_at       BIGINT NOT NULL
);
CREATE INDEX accounts_org ON accounts (org);
CREATE INDEX accounts_seal_due ON accounts (seal_due);

-- Only the SHA-256 of a bearer token is kept: a copy of the table signs
-- nobody in. `id` is the token's public handle, to revoke it by.
CREATE TABLE tokens (
  id         TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  account    TEXT NOT NULL REFERENCES accounts (name),
  kind       TEXT NOT NULL,
  issued_at  BIGINT NOT NULL,
  expires_at BIGINT,
  revoked_at BIGINT
);
CREATE INDEX tokens_account ON tokens (account);

-- What else an entry tells a reviewer (an export's reason, its rows).
ALTER TABLE audit_entries ADD COLUMN detail TEXT NOT NULL DEFAULT '';

-- The last entry of the audit trail. Every transaction that appends entries
-- first updates this one row, which serialises appenders across
-- connections and processes (the server, `xueji export`), and lets
-- `audit verify` notice entries removed from the end.
CREATE TABLE audit_head (
  id   INTEGER PRIMARY KEY,
  seq  BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- The tokens by when their use ended (revoked, else expired), for a server
-- that deletes them once they ended longer ago than `token_keep_days`
-- (adapters/store/ended_tokens.h; docs/accounts.md). Every sign-in writes
-- a token, so the table grows by each day's sign-ins; the deletion takes
-- the oldest a batch at a time and would otherwise read the whole table
-- for each batch. The expression is written as the deletion writes it, so
-- both backends use the index.
CREATE INDEX tokens_ended ON tokens ((COALESCE(revoked_at, expires_at)));

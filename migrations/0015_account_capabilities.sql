-- Accounts scoped by capability (issue 18): the named actions an account is
-- limited to (engine/account/capability.h), space-separated, e.g.
-- 'open:death_deregistration' for the population registry's adapter. NULL:
-- everything its role allows within its org's subtree, as every account
-- created before this column could.
ALTER TABLE accounts ADD COLUMN capabilities TEXT;

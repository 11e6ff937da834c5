-- The hot standby's lease (docs/operations.md, "A hot standby"): one row,
-- held by the one `xueji serve` that runs the engine. Its holder renews it
-- every second or so; a standby takes it, with the next epoch, once it has
-- expired by the database's clock. Every commit batch of the holder checks,
-- inside its own transaction, that the row is still its own (holder and
-- epoch) and unexpired, so a holder that lost the lease (paused, cut off)
-- cannot commit: fencing. SQLite has no standby (one process); the row is
-- there and unused.
CREATE TABLE engine_lease (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  holder      TEXT NOT NULL,
  address     TEXT NOT NULL,
  epoch       BIGINT NOT NULL,
  expires_at  TIMESTAMPTZ NOT NULL
);
INSERT INTO engine_lease (id, holder, address, epoch, expires_at)
  VALUES (1, '', '', 0, '1970-01-01 00:00:00+00');

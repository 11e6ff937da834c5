-- Numbers for life (Art. 8-10). A child whose identity is not yet verified
-- nationally is registered under a temporary L number, one with no usable
-- ID under a J number; the L number is replaced by the G number once the
-- identity is verified and is never handed out again.

-- Every L and J number ever handed out, live or retired: its primary key is
-- what makes a serial unique across the store (two registrations racing for
-- one serial: the second's insert fails and it takes the next), and a
-- retired number stays here, so no later registration receives it.
CREATE TABLE issued_numbers (
  number TEXT PRIMARY KEY
);
INSERT INTO issued_numbers (number)
  SELECT registration_number FROM students
  WHERE registration_number LIKE 'L%' OR registration_number LIKE 'J%';

-- An L number replaced by its G number at verification (Art. 8): the
-- record moved to `replaced_by` in the same transaction. The cases opened
-- under the L number keep it as their subject (their events are append-only
-- history and a live case actor writes its subject back with every step),
-- so this row is also the alias through which they still reach the record.
CREATE TABLE retired_numbers (
  number      TEXT PRIMARY KEY,
  replaced_by TEXT NOT NULL,
  retired_at  BIGINT NOT NULL
);
CREATE INDEX retired_numbers_replaced_by ON retired_numbers (replaced_by);

-- The alias as the readers name it: old number, the number it became.
CREATE VIEW registration_aliases AS
  SELECT number AS old_number, replaced_by AS new_number FROM retired_numbers;

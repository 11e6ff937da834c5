-- The archive steps owed (Art. 6: two months to build a new record's
-- archive; Art. 7: one month to update it after a reopening or an approved
-- change of school or of the record's fields), written in the same
-- transaction as the operation that owes them, as notices are (the
-- outbox). The step's case is opened after that commit, and its opening
-- deletes the row in its own transaction; a row still here at start is a
-- step a stop left unopened, and the server opens it then, its period
-- counted from owed_since. The case id is fixed here, so opening twice
-- finds the case already there.
CREATE TABLE archive_duties (
  case_id    TEXT PRIMARY KEY,
  kind       TEXT NOT NULL,
  subject    TEXT NOT NULL,
  school     TEXT NOT NULL,
  owed_since BIGINT NOT NULL
);

-- What a case's commit owes the student's other cases (Art. 16: a resume
-- or a renewal follows the leave up; Art. 12, 17: a transfer's record
-- follows the student and ends the school's dropout follow-up), written
-- in the same transaction as that commit, as an archive duty is. The
-- engine sends it to each of the student's live cases after the commit and
-- deletes the row once each has taken or refused it; a row still here at
-- start is what a stop left undelivered, and the server delivers it then.
-- body: the command as JSON (engine/case/owed_follow_up.h).
CREATE TABLE owed_follow_ups (
  id         TEXT PRIMARY KEY,
  subject    TEXT NOT NULL,
  by_case    TEXT NOT NULL,
  owed_since BIGINT NOT NULL,
  body       TEXT NOT NULL
);

-- Art. 15: the family follows a case with the progress code it receives
-- when the case opens, without an account (GET /v1/progress/{code}). Only
-- the code's SHA-256 is kept, so the table read on its own opens no case;
-- the row is written in the same transaction as the case's opening, so a
-- code the family was given always reads.
CREATE TABLE progress_codes (
  code_hash TEXT PRIMARY KEY,
  case_id   TEXT NOT NULL
);

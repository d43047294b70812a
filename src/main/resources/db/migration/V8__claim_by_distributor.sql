-- A chunk of the statements step (and of the claims step) asks for the claims of its distributors inside a quarter.
-- Without this index PostgreSQL reads every claim of the quarter for each chunk (claim_by_date), and matches each
-- against the chunk's codes: at 20,000 distributors that was most of the database's work for the statements.
CREATE INDEX claim_by_distributor ON claim (distributor_code, claim_date);

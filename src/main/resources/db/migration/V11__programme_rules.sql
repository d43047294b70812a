-- SPEC §8: the early-payment and top-performer rules of a programme.

-- The invoice's payment due date (§2: an optional last column of the sales lines, the same on every line of a
-- document, empty for credit notes). Lines imported before it have none, and earn no early-payment rebate.
ALTER TABLE sales_line ADD COLUMN due_date DATE;

-- A distributor's payment of an invoice (§8.3). Several payments may pay one invoice, each possibly in part.
-- A transaction like a sales line: never overwritten once imported.
CREATE TABLE payment (
    payment_id       VARCHAR(40)    PRIMARY KEY,
    distributor_code VARCHAR(40)    NOT NULL REFERENCES distributor (code),
    document_no      VARCHAR(40)    NOT NULL,
    paid_date        DATE           NOT NULL,
    amount           NUMERIC(20, 4) NOT NULL CHECK (amount > 0),
    currency         CHAR(3)        NOT NULL,
    import_id        BIGINT         NOT NULL,
    source_line      BIGINT         NOT NULL
);
CREATE INDEX payment_by_date ON payment (paid_date);

-- What the extract adds per distributor: E, the quarter's payments made early enough (0 without the rule), and
-- the distributor's place among the top performers of its tier (§8.4; null when it does not rank), with how many
-- distributors of that tier rank at all ("place 2 of 14 in GOLD").
ALTER TABLE turnover
    ADD COLUMN early_paid     NUMERIC(24, 4) NOT NULL DEFAULT 0,
    ADD COLUMN growth_place   INT,
    ADD COLUMN ranked_in_tier INT;

ALTER TABLE rebate
    ADD COLUMN early_payment NUMERIC(20, 4) NOT NULL DEFAULT 0,
    ADD COLUMN top_performer NUMERIC(20, 4) NOT NULL DEFAULT 0;

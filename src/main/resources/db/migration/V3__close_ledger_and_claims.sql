-- The programme a close used, byte for byte, so every figure can be reproduced later.
CREATE TABLE program_snapshot (
    sha256     CHAR(64)    PRIMARY KEY,
    program_id TEXT        NOT NULL,
    year       INT         NOT NULL,
    content    TEXT        NOT NULL,
    stored_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One row per close of a quarter: the first close (sequence 0) and each re-close (1, 2, ...).
CREATE TABLE close_run (
    id               BIGSERIAL   PRIMARY KEY,
    period           CHAR(7)     NOT NULL,
    sequence         INT         NOT NULL,
    business_date    DATE        NOT NULL,
    program_sha256   CHAR(64)    NOT NULL REFERENCES program_snapshot (sha256),
    started_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (period, sequence)
);

-- What the calculation needs per distributor, aggregated by PostgreSQL in one pass over the sales lines,
-- with the tier and target valid when the close ran.
CREATE TABLE turnover (
    close_run_id      BIGINT         NOT NULL REFERENCES close_run (id),
    distributor_code  VARCHAR(40)    NOT NULL,
    currency          CHAR(3)        NOT NULL,
    tier              VARCHAR(10)    NOT NULL,
    target_amount     NUMERIC(20, 4),
    turnover          NUMERIC(24, 4) NOT NULL,
    turnover_last_year NUMERIC(24, 4) NOT NULL,
    promo_turnover    NUMERIC(24, 4)[] NOT NULL,
    PRIMARY KEY (close_run_id, distributor_code)
);

CREATE TABLE rebate (
    close_run_id     BIGINT         NOT NULL REFERENCES close_run (id),
    distributor_code VARCHAR(40)    NOT NULL,
    currency         CHAR(3)        NOT NULL,
    turnover         NUMERIC(24, 4) NOT NULL,
    target_amount    NUMERIC(20, 4),
    base             NUMERIC(20, 4) NOT NULL,
    attainment       NUMERIC(20, 4) NOT NULL,
    growth           NUMERIC(20, 4) NOT NULL,
    promo            NUMERIC(20, 4) NOT NULL,
    uncapped         NUMERIC(20, 4) NOT NULL,
    cap_amount       NUMERIC(20, 4) NOT NULL,
    cap_applied      BOOLEAN        NOT NULL,
    total            NUMERIC(20, 4) NOT NULL,
    explanation      JSONB          NOT NULL,
    PRIMARY KEY (close_run_id, distributor_code)
);

-- Quarters closed (when first closed; a re-close only moves last_run_id) and years locked by the year-end expiry.
CREATE TABLE period_close (
    period        CHAR(7)     PRIMARY KEY,
    closed_at     TIMESTAMPTZ NOT NULL,
    business_date DATE        NOT NULL,
    last_run_id   BIGINT      NOT NULL REFERENCES close_run (id)
);

CREATE TABLE year_lock (
    year             INT         PRIMARY KEY,
    locked_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    job_execution_id BIGINT      NOT NULL
);

-- The ledger: double entry, append-only. An entry is never updated or deleted; corrections are new entries.
CREATE TABLE ledger_entry (
    id               BIGSERIAL      PRIMARY KEY,
    idempotency_key  VARCHAR(120)   NOT NULL UNIQUE,
    entry_type       VARCHAR(12)    NOT NULL CHECK (entry_type IN ('ACCRUAL', 'ADJUSTMENT', 'SPEND', 'EXPIRY')),
    effective_date   DATE           NOT NULL,
    distributor_code VARCHAR(40)    NOT NULL,
    period           VARCHAR(7)     NOT NULL,
    currency         CHAR(3)        NOT NULL,
    amount           NUMERIC(20, 4) NOT NULL,
    description      TEXT           NOT NULL,
    job_execution_id BIGINT,
    posted_at        TIMESTAMPTZ    NOT NULL DEFAULT now()
);

CREATE TABLE ledger_line (
    entry_id         BIGINT         NOT NULL REFERENCES ledger_entry (id),
    line_no          SMALLINT       NOT NULL,
    account          VARCHAR(20)    NOT NULL,
    distributor_code VARCHAR(40),
    effective_date   DATE           NOT NULL,
    currency         CHAR(3)        NOT NULL,
    debit            NUMERIC(20, 4) NOT NULL CHECK (debit >= 0),
    credit           NUMERIC(20, 4) NOT NULL CHECK (credit >= 0),
    PRIMARY KEY (entry_id, line_no)
);
CREATE INDEX ledger_line_by_account ON ledger_line (account, distributor_code, effective_date);

CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the ledger is append-only: % on % is refused; post a correcting entry instead', TG_OP, TG_TABLE_NAME;
END $$;

CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_entry
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_line_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_line
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- Every entry balances, checked when its transaction commits (all its lines are in by then).
CREATE FUNCTION ledger_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    difference NUMERIC;
BEGIN
    SELECT sum(debit) - sum(credit) INTO difference FROM ledger_line WHERE entry_id = NEW.entry_id;
    IF difference <> 0 THEN
        RAISE EXCEPTION 'ledger entry % does not balance: debits exceed credits by %', NEW.entry_id, difference;
    END IF;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER ledger_entry_balanced AFTER INSERT ON ledger_line
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced();

-- How each claim of a closed quarter was settled against the bonus fund.
CREATE TABLE claim_settlement (
    claim_id         VARCHAR(40)    PRIMARY KEY REFERENCES claim (claim_id),
    close_run_id     BIGINT         NOT NULL REFERENCES close_run (id),
    share            NUMERIC(7, 4)  NOT NULL,
    requested        NUMERIC(20, 4) NOT NULL,
    balance_before   NUMERIC(20, 4) NOT NULL,
    covered          NUMERIC(20, 4) NOT NULL,
    distributor_pays NUMERIC(20, 4) NOT NULL,
    status           VARCHAR(10)    NOT NULL CHECK (status IN ('COVERED', 'PARTIAL', 'UNCOVERED'))
);

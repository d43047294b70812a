-- SPEC §8.2: the annual rebate, calculated by the year-end job before the expiry and posted as ANNUAL:D:Y
-- (Dr rebate expense / Cr bonus fund of D) effective 1 January Y+1.

ALTER TABLE ledger_entry DROP CONSTRAINT ledger_entry_entry_type_check;
ALTER TABLE ledger_entry ADD CONSTRAINT ledger_entry_entry_type_check
    CHECK (entry_type IN ('ACCRUAL', 'ADJUSTMENT', 'SPEND', 'EXPIRY', 'ANNUAL'));

-- One row per year and distributor of the master data. A restarted partition writes its rows again with the same
-- figures (upsert on the key), so the table holds exactly one calculation per year. target_amount is null when the
-- distributor has no target in any quarter of the year; attainment (percent, two decimals rounded down as the
-- statements show it), rung_from and rate are null when no rung applies.
CREATE TABLE annual_rebate (
    year             INT            NOT NULL,
    distributor_code VARCHAR(40)    NOT NULL,
    currency         CHAR(3)        NOT NULL,
    turnover         NUMERIC(24, 4) NOT NULL,
    target_amount    NUMERIC(24, 4),
    attainment       NUMERIC(24, 2),
    rung_from        NUMERIC,
    rate             NUMERIC,
    total            NUMERIC(20, 4) NOT NULL CHECK (total >= 0),
    program_sha256   CHAR(64)       NOT NULL REFERENCES program_snapshot (sha256),
    explanation      JSON           NOT NULL,
    job_execution_id BIGINT         NOT NULL,
    PRIMARY KEY (year, distributor_code)
);

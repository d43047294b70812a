-- SPEC §9 simulation: a quarter calculated with a draft programme. It owns these tables and writes no other (the
-- close's turnover, rebate, close_run, ledger and period tables stay as they are), so a simulation changes no state.

-- One row per simulation: which quarter, which draft (a copy of the file as read, like a close's snapshot), who
-- asked, and what it is compared with: the latest close of the quarter, or else the programme in force.
CREATE TABLE simulation (
    id                BIGSERIAL   PRIMARY KEY,
    period            CHAR(7)     NOT NULL,
    draft_program_id  TEXT        NOT NULL,
    draft_sha256      CHAR(64)    NOT NULL,
    draft_source      TEXT        NOT NULL,
    draft_content     TEXT        NOT NULL,
    -- the close run compared with (the quarter's latest completed close), null when the quarter is not closed
    close_run_id      BIGINT,
    -- the programme in force used for an open quarter's rung counts; null when closed or when there is none
    current_program_id TEXT,
    current_sha256    CHAR(64),
    current_content   TEXT,
    username          TEXT        NOT NULL,
    channel           TEXT        NOT NULL,
    started_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    job_execution_id  BIGINT
);

-- The figures of the calculation, one set per side: DRAFT (the simulated programme) and CURRENT (the programme in
-- force, for an open quarter). The same columns as turnover, so the close's reader and ranking work on them.
CREATE TABLE simulation_turnover (
    simulation_id      BIGINT           NOT NULL REFERENCES simulation (id),
    side               VARCHAR(7)       NOT NULL CHECK (side IN ('DRAFT', 'CURRENT')),
    distributor_code   VARCHAR(40)      NOT NULL,
    currency           CHAR(3)          NOT NULL,
    tier               VARCHAR(10)      NOT NULL,
    target_amount      NUMERIC(20, 4),
    turnover           NUMERIC(24, 4)   NOT NULL,
    turnover_last_year NUMERIC(24, 4)   NOT NULL,
    promo_turnover     NUMERIC(24, 4)[] NOT NULL,
    early_paid         NUMERIC(24, 4)   NOT NULL DEFAULT 0,
    growth_place       INT,
    ranked_in_tier     INT,
    PRIMARY KEY (simulation_id, side, distributor_code)
);

-- The calculation per distributor and side; for a closed quarter the CURRENT side is the close's own rebate rows,
-- copied with the rung each reached (from their explanation).
CREATE TABLE simulation_result (
    simulation_id    BIGINT         NOT NULL REFERENCES simulation (id),
    side             VARCHAR(7)     NOT NULL CHECK (side IN ('DRAFT', 'CURRENT')),
    distributor_code VARCHAR(40)    NOT NULL,
    currency         CHAR(3)        NOT NULL,
    tier             VARCHAR(10)    NOT NULL,
    turnover         NUMERIC(24, 4) NOT NULL,
    base             NUMERIC(20, 4) NOT NULL,
    attainment       NUMERIC(20, 4) NOT NULL,
    growth           NUMERIC(20, 4) NOT NULL,
    promo            NUMERIC(20, 4) NOT NULL,
    early_payment    NUMERIC(20, 4) NOT NULL,
    top_performer    NUMERIC(20, 4) NOT NULL,
    uncapped         NUMERIC(20, 4) NOT NULL,
    total            NUMERIC(20, 4) NOT NULL,
    attainment_rung  NUMERIC,
    growth_rung      NUMERIC,
    PRIMARY KEY (simulation_id, side, distributor_code)
);

-- Simulations from the command line are in the audit trail too.
ALTER TABLE audit_event DROP CONSTRAINT IF EXISTS audit_event_channel_check;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_channel_check
    CHECK (channel IN ('WEB', 'API', 'SCHEDULER', 'CLI'));

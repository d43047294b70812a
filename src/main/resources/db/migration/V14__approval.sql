-- SPEC §9: approval before posting. With period-close.approval=required, a close, a re-close or a year-end with an
-- annual rebate to post stops after its calculation (the job STOPPED, exit status AWAITING_APPROVAL) and waits for
-- a person other than the one who launched it to approve (it then continues the same job instance) or reject it.

-- One row per job instance that stopped for approval: the close run (close, re-close) or the year (year-end), the
-- figures it calculated as they were when it stopped (SHA-256 over the rows in a canonical order, and the totals
-- per currency), who launched it, and who decided, when, and why. Posting compares the hash with the rows again
-- and refuses to post figures that changed since they were approved.
CREATE TABLE approval (
    id               BIGSERIAL   PRIMARY KEY,
    job_name         TEXT        NOT NULL CHECK (job_name IN ('close', 'expire')),
    period           VARCHAR(7)  NOT NULL,
    close_run_id     BIGINT      REFERENCES close_run (id),
    job_instance_id  BIGINT      NOT NULL UNIQUE,
    job_execution_id BIGINT      NOT NULL,
    launched_by      TEXT        NOT NULL,
    requested_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    figures_sha256   CHAR(64)    NOT NULL,
    totals           JSONB       NOT NULL,
    status           TEXT        NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    decided_by       TEXT,
    decided_at       TIMESTAMPTZ,
    reason           TEXT,
    CHECK ((status = 'PENDING') = (decided_by IS NULL AND decided_at IS NULL)),
    CHECK (status <> 'REJECTED' OR reason IS NOT NULL),
    CHECK ((job_name = 'close') = (close_run_id IS NOT NULL))
);
CREATE INDEX approval_by_period ON approval (period);

-- A rejected close frees its quarter for a new close, which takes the next sequence: whether a run is a re-close
-- (posts differences) is therefore its own fact, no longer "sequence > 0".
ALTER TABLE close_run ADD COLUMN reclose BOOLEAN NOT NULL DEFAULT false;
UPDATE close_run SET reclose = (sequence > 0);

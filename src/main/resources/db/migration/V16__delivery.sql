-- SPEC §10 delivery: statements e-mailed to the distributors, and finance's summary.

-- One row per send: a `send --period P` (every distributor's latest statement not delivered yet) or a Resend of
-- one distributor's statement. Its job instance is identified by this id, so a failed send restarts as itself and
-- a later send of the same period is a new run.
CREATE TABLE delivery_run (
    id                 BIGSERIAL   PRIMARY KEY,
    period             VARCHAR(7)  NOT NULL,
    -- the covering text's language
    language           CHAR(2)     NOT NULL CHECK (language IN ('ru', 'en')),
    -- a Resend's distributor; null: every distributor of the period
    distributor_code   VARCHAR(40),
    username           TEXT        NOT NULL,
    channel            TEXT        NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    job_execution_id   BIGINT,
    -- finance's summary, once sent (a restart never sends it again)
    summary_message_id TEXT,
    summary_sent_at    TIMESTAMPTZ
);

-- One row per message to a distributor. SENDING is written and committed before the message goes to the server,
-- then becomes SENT (with the server's acceptance) or FAILED (the server refused it, with its reply); a send the
-- server did not accept for a passing reason (connection lost, 4xx) deletes its row and fails the job. A row left
-- SENDING by a process that died in between is "in doubt": the message may have left, so it is never sent again
-- by itself (only by an explicit Resend).
CREATE TABLE delivery (
    id                BIGSERIAL   PRIMARY KEY,
    run_id            BIGINT      NOT NULL REFERENCES delivery_run (id),
    period            VARCHAR(7)  NOT NULL,
    distributor_code  VARCHAR(40) NOT NULL,
    statement_version INT         NOT NULL,
    statement_sha256  CHAR(64)    NOT NULL,
    file              TEXT        NOT NULL,
    address           TEXT        NOT NULL,
    -- STATEMENT: the first of the period sent to the distributor; CORRECTION: a re-close's statement replacing one
    -- sent before; RESEND: the same statement again, asked for by an admin
    kind              VARCHAR(10) NOT NULL CHECK (kind IN ('STATEMENT', 'CORRECTION', 'RESEND')),
    status            VARCHAR(7)  NOT NULL CHECK (status IN ('SENDING', 'SENT', 'FAILED')),
    message_id        TEXT        NOT NULL,
    -- the server's reply when it refused the message (or why it could not be sent)
    reply             TEXT,
    job_execution_id  BIGINT      NOT NULL,
    attempted_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at           TIMESTAMPTZ,
    FOREIGN KEY (period, distributor_code, statement_version) REFERENCES statement (period, distributor_code, version),
    CHECK ((status = 'SENT') = (sent_at IS NOT NULL))
);

-- A statement (version and content) goes out once: two sends racing each other, or a restart, cannot both send it.
CREATE UNIQUE INDEX delivery_once ON delivery (period, distributor_code, statement_version, statement_sha256)
    WHERE status IN ('SENDING', 'SENT') AND kind <> 'RESEND';
CREATE INDEX delivery_by_run ON delivery (run_id);
CREATE INDEX delivery_by_period ON delivery (period, distributor_code);

-- The statements written for each period: one per distributor per close (version = the close's sequence: 0 for
-- the close, 1, 2, ... for re-closes) or per year-end (period = the year). A statement that could not be rendered
-- keeps its reason instead of a file.
CREATE TABLE statement (
    period           VARCHAR(7)     NOT NULL,
    distributor_code VARCHAR(40)    NOT NULL,
    version          INT            NOT NULL,
    file             TEXT,
    sha256           CHAR(64),
    closing_balance  NUMERIC(20, 4),
    currency         CHAR(3),
    problem          TEXT,
    job_execution_id BIGINT         NOT NULL,
    written_at       TIMESTAMPTZ    NOT NULL DEFAULT now(),
    PRIMARY KEY (period, distributor_code, version),
    CHECK ((file IS NULL) = (problem IS NOT NULL))
);

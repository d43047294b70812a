-- One row per import run: what was read and what became of it. Counts always add up:
-- read = accepted + rejected + unchanged.
CREATE TABLE import_run (
    id               BIGSERIAL PRIMARY KEY,
    kind             VARCHAR(20)  NOT NULL,
    file             TEXT         NOT NULL,
    file_sha256      CHAR(64)     NOT NULL,
    job_execution_id BIGINT,
    started_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    read_count       BIGINT       NOT NULL DEFAULT 0,
    accepted_count   BIGINT       NOT NULL DEFAULT 0,
    rejected_count   BIGINT       NOT NULL DEFAULT 0,
    unchanged_count  BIGINT       NOT NULL DEFAULT 0
);

CREATE TABLE import_reject (
    import_id BIGINT  NOT NULL REFERENCES import_run (id),
    line_no   BIGINT  NOT NULL,
    reason    TEXT    NOT NULL,
    record    TEXT    NOT NULL,
    PRIMARY KEY (import_id, line_no)
);

-- Master data: the current version, plus every earlier version for audit.
CREATE TABLE distributor (
    code       VARCHAR(40)  PRIMARY KEY,
    name       TEXT         NOT NULL,
    tier       VARCHAR(10)  NOT NULL CHECK (tier IN ('BRONZE', 'SILVER', 'GOLD', 'PLATINUM')),
    currency   CHAR(3)      NOT NULL,
    email      TEXT         NOT NULL,
    region     TEXT         NOT NULL,
    version    INT          NOT NULL,
    valid_from TIMESTAMPTZ  NOT NULL,
    import_id  BIGINT       REFERENCES import_run (id)
);

CREATE TABLE distributor_history (
    code       VARCHAR(40)  NOT NULL,
    version    INT          NOT NULL,
    name       TEXT         NOT NULL,
    tier       VARCHAR(10)  NOT NULL,
    currency   CHAR(3)      NOT NULL,
    email      TEXT         NOT NULL,
    region     TEXT         NOT NULL,
    valid_from TIMESTAMPTZ  NOT NULL,
    valid_to   TIMESTAMPTZ  NOT NULL,
    import_id  BIGINT,
    PRIMARY KEY (code, version)
);

CREATE TABLE target (
    distributor_code VARCHAR(40)    NOT NULL REFERENCES distributor (code),
    period           CHAR(7)        NOT NULL,
    target_amount    NUMERIC(20, 4) NOT NULL CHECK (target_amount >= 0),
    version          INT            NOT NULL,
    valid_from       TIMESTAMPTZ    NOT NULL,
    import_id        BIGINT         REFERENCES import_run (id),
    PRIMARY KEY (distributor_code, period)
);

CREATE TABLE target_history (
    distributor_code VARCHAR(40)    NOT NULL,
    period           CHAR(7)        NOT NULL,
    version          INT            NOT NULL,
    target_amount    NUMERIC(20, 4) NOT NULL,
    valid_from       TIMESTAMPTZ    NOT NULL,
    valid_to         TIMESTAMPTZ    NOT NULL,
    import_id        BIGINT,
    PRIMARY KEY (distributor_code, period, version)
);

-- Transactions: never overwritten once imported.
CREATE TABLE sales_line (
    document_no      VARCHAR(40)    NOT NULL,
    line_no          INT            NOT NULL,
    document_type    VARCHAR(12)    NOT NULL CHECK (document_type IN ('INVOICE', 'CREDIT_NOTE')),
    document_date    DATE           NOT NULL,
    distributor_code VARCHAR(40)    NOT NULL,
    product_code     VARCHAR(40)    NOT NULL,
    product_line     VARCHAR(40)    NOT NULL,
    quantity         NUMERIC(20, 4) NOT NULL,
    net_amount       NUMERIC(20, 4) NOT NULL CHECK (net_amount >= 0),
    currency         CHAR(3)        NOT NULL,
    import_id        BIGINT         NOT NULL,
    source_line      BIGINT         NOT NULL,
    PRIMARY KEY (document_no, line_no)
);
CREATE INDEX sales_line_by_date ON sales_line (document_date);

CREATE TABLE claim (
    claim_id         VARCHAR(40)    PRIMARY KEY,
    distributor_code VARCHAR(40)    NOT NULL REFERENCES distributor (code),
    claim_date       DATE           NOT NULL,
    direction        VARCHAR(40)    NOT NULL,
    description      TEXT           NOT NULL,
    amount           NUMERIC(20, 4) NOT NULL CHECK (amount >= 0),
    currency         CHAR(3)        NOT NULL,
    import_id        BIGINT         NOT NULL,
    source_line      BIGINT         NOT NULL
);
CREATE INDEX claim_by_date ON claim (claim_date, claim_id);

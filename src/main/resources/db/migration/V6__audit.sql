-- Who did what, when, to which execution: every action of the web interface, the REST API and the scheduler
-- (launch, restart, stop, abandon, schedule changes, statement downloads), refused and denied ones included.
-- Append-only like the ledger: an audit trail that can be edited is not one.
CREATE TABLE audit_event (
    id               BIGSERIAL   PRIMARY KEY,
    at               TIMESTAMPTZ NOT NULL DEFAULT now(),
    username         TEXT        NOT NULL,
    channel          TEXT        NOT NULL CHECK (channel IN ('WEB', 'API', 'SCHEDULER')),
    action           TEXT        NOT NULL,
    target           TEXT,
    job_execution_id BIGINT,
    outcome          TEXT        NOT NULL CHECK (outcome IN ('DONE', 'REFUSED', 'FAILED', 'DENIED')),
    detail           TEXT
);
CREATE INDEX audit_event_execution ON audit_event (job_execution_id) WHERE job_execution_id IS NOT NULL;

CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % on % is refused', TG_OP, TG_TABLE_NAME;
END $$;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

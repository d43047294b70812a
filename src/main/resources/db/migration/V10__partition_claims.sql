-- Remote partitioning (docs/scale-out.md): which worker took which partition of a step. The row is the gate that
-- makes a partition run at most once, whatever the broker delivers twice; the worker's advisory lock
-- (PARTITION_SPACE, step_execution_id) proves it is still alive while the partition runs.
CREATE TABLE partition_claim (
    step_execution_id bigint      PRIMARY KEY,
    job_execution_id  bigint      NOT NULL,
    -- HOST:PID of the worker; NULL when the manager withdrew the request before any worker took it
    worker            varchar(300),
    claimed_at        timestamptz NOT NULL DEFAULT now(),
    -- set by the manager when the step gave up: the worker stops after its current chunk
    cancelled         boolean     NOT NULL DEFAULT false
);

CREATE INDEX partition_claim_job ON partition_claim (job_execution_id);

-- A close writes its turnover, rebate and claim_settlement rows 1,000-20,000 at a time, and each row's foreign keys
-- fired a trigger per row: a query of its own and a row lock on the close run (and on the claim). At 20,000 rows
-- that was 60 ms per key, more than the insert itself (41 ms for turnover; claim_settlement 37 ms, its two keys
-- 150 ms), measured with EXPLAIN ANALYZE (bench/CLOSE.md). The same references are now checked once per statement,
-- when it ends, as the foreign keys were, by statement triggers that look each referenced row up once and lock it
-- FOR KEY SHARE as a foreign key does, so that a concurrent DELETE waits and then fails.
--
-- The keys' other half stays too: a close run or a claim that rows refer to cannot be deleted, have its key
-- changed, or be truncated without them (checked after the statement, as NO ACTION keys are). Errors keep the
-- foreign keys' SQLSTATE, 23503 (foreign_key_violation).

ALTER TABLE turnover DROP CONSTRAINT IF EXISTS turnover_close_run_id_fkey;
ALTER TABLE rebate DROP CONSTRAINT IF EXISTS rebate_close_run_id_fkey;
ALTER TABLE claim_settlement DROP CONSTRAINT IF EXISTS claim_settlement_close_run_id_fkey;
ALTER TABLE claim_settlement DROP CONSTRAINT IF EXISTS claim_settlement_claim_id_fkey;

-- ---------------------------------------------------------------------------------- the rows that refer to others

CREATE FUNCTION close_rows_refuse_unknown_run() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing BIGINT;
BEGIN
    -- a probe per run (LATERAL), locked as a foreign key locks it; usually the statement's rows share one run
    SELECT n.close_run_id INTO missing
      FROM (SELECT DISTINCT close_run_id FROM new_rows) n
      LEFT JOIN LATERAL (SELECT true AS found FROM close_run r WHERE r.id = n.close_run_id FOR KEY SHARE) f ON true
     WHERE f.found IS NULL
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'insert or update on table "%" refused: there is no close run %', TG_TABLE_NAME, missing
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION claim_settlement_refuse_unknown_claim() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing VARCHAR;
BEGIN
    -- a probe per claim (LATERAL): a join could read every claim of every year for a chunk of a thousand
    SELECT n.claim_id INTO missing
      FROM new_rows n
      LEFT JOIN LATERAL (SELECT true AS found FROM claim c WHERE c.claim_id = n.claim_id FOR KEY SHARE) f ON true
     WHERE f.found IS NULL
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'insert or update on table "claim_settlement" refused: there is no claim %', missing
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER turnover_run_exists AFTER INSERT ON turnover
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION close_rows_refuse_unknown_run();
CREATE TRIGGER turnover_run_exists_after_update AFTER UPDATE ON turnover
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION close_rows_refuse_unknown_run();
CREATE TRIGGER rebate_run_exists AFTER INSERT ON rebate
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION close_rows_refuse_unknown_run();
CREATE TRIGGER rebate_run_exists_after_update AFTER UPDATE ON rebate
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION close_rows_refuse_unknown_run();
CREATE TRIGGER claim_settlement_run_exists AFTER INSERT ON claim_settlement
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION close_rows_refuse_unknown_run();
CREATE TRIGGER claim_settlement_run_exists_after_update AFTER UPDATE ON claim_settlement
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION close_rows_refuse_unknown_run();
CREATE TRIGGER claim_settlement_claim_exists AFTER INSERT ON claim_settlement
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION claim_settlement_refuse_unknown_claim();
CREATE TRIGGER claim_settlement_claim_exists_after_update AFTER UPDATE ON claim_settlement
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION claim_settlement_refuse_unknown_claim();

-- ------------------------------------------------------------------------------------ the rows referred to

CREATE FUNCTION close_run_refuse_removal_while_referenced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    kept BIGINT;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        -- after the whole TRUNCATE: one that empties the referring tables too is allowed, as with foreign keys
        IF EXISTS (SELECT 1 FROM turnover) OR EXISTS (SELECT 1 FROM rebate) OR EXISTS (SELECT 1 FROM claim_settlement)
        THEN
            RAISE EXCEPTION 'close_run cannot be truncated: turnover, rebate or claim_settlement rows refer to it'
                USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        SELECT o.id INTO kept FROM old_rows o
         WHERE EXISTS (SELECT 1 FROM turnover t WHERE t.close_run_id = o.id)
            OR EXISTS (SELECT 1 FROM rebate r WHERE r.close_run_id = o.id)
            OR EXISTS (SELECT 1 FROM claim_settlement s WHERE s.close_run_id = o.id)
         LIMIT 1;
    ELSE
        SELECT o.id INTO kept FROM old_rows o
         WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id)
           AND (EXISTS (SELECT 1 FROM turnover t WHERE t.close_run_id = o.id)
                OR EXISTS (SELECT 1 FROM rebate r WHERE r.close_run_id = o.id)
                OR EXISTS (SELECT 1 FROM claim_settlement s WHERE s.close_run_id = o.id))
         LIMIT 1;
    END IF;
    IF FOUND THEN
        RAISE EXCEPTION 'close run % refused to go: turnover, rebate or claim_settlement rows refer to it', kept
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION claim_refuse_removal_while_settled() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    kept VARCHAR;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        IF EXISTS (SELECT 1 FROM claim_settlement) THEN
            RAISE EXCEPTION 'claim cannot be truncated: claim_settlement rows refer to it'
                USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        SELECT o.claim_id INTO kept FROM old_rows o
         WHERE EXISTS (SELECT 1 FROM claim_settlement s WHERE s.claim_id = o.claim_id)
         LIMIT 1;
    ELSE
        SELECT o.claim_id INTO kept FROM old_rows o
         WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.claim_id = o.claim_id)
           AND EXISTS (SELECT 1 FROM claim_settlement s WHERE s.claim_id = o.claim_id)
         LIMIT 1;
    END IF;
    IF FOUND THEN
        RAISE EXCEPTION 'claim % refused to go: it is settled (claim_settlement)', kept
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER close_run_kept_while_referenced AFTER DELETE ON close_run
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION close_run_refuse_removal_while_referenced();
CREATE TRIGGER close_run_key_kept_while_referenced AFTER UPDATE ON close_run
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION close_run_refuse_removal_while_referenced();
CREATE TRIGGER close_run_not_truncated_while_referenced AFTER TRUNCATE ON close_run
    FOR EACH STATEMENT EXECUTE FUNCTION close_run_refuse_removal_while_referenced();
CREATE TRIGGER claim_kept_while_settled AFTER DELETE ON claim
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION claim_refuse_removal_while_settled();
CREATE TRIGGER claim_key_kept_while_settled AFTER UPDATE ON claim
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claim_refuse_removal_while_settled();
CREATE TRIGGER claim_not_truncated_while_settled AFTER TRUNCATE ON claim
    FOR EACH STATEMENT EXECUTE FUNCTION claim_refuse_removal_while_settled();

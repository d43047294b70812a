-- Every ledger line belongs to an existing entry, checked as before when its statement ends, but no longer by a
-- foreign-key trigger per line.
--
-- The foreign key fired once per line: a lookup and a row lock on the entry through a query of its own, 2,000 per
-- posting of 1,000 accruals, a fifth of that statement's time (bench/CLOSE.md). Now the statement trigger that
-- already checks the balance (V17, V18) also looks the statement's entries up, once each and in one query.
--
-- Why nothing is lost: the foreign key's other half, keeping an entry from being removed under its lines, was never
-- needed here: ledger_entry refuses UPDATE, DELETE and TRUNCATE (ledger_entry_append_only), and it is checked at the
-- same moment as the key was (the end of the inserting statement, seeing the statement's own entries).

ALTER TABLE ledger_line DROP CONSTRAINT IF EXISTS ledger_line_entry_id_fkey;

CREATE OR REPLACE FUNCTION ledger_note_unbalanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    orphan BIGINT;
BEGIN
    -- a probe per entry (LATERAL): an anti-join could read all of ledger_entry for a few new lines
    SELECT n.entry_id INTO orphan
      FROM (SELECT DISTINCT entry_id FROM new_lines) n
      LEFT JOIN LATERAL (SELECT true AS found FROM ledger_entry e WHERE e.id = n.entry_id) f ON true
     WHERE f.found IS NULL
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'ledger line of entry % refused: there is no such ledger entry', orphan
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    INSERT INTO ledger_balance_pending (entry_id)
    SELECT entry_id
      FROM new_lines
     GROUP BY entry_id
    HAVING sum(debit) <> sum(credit)
        ON CONFLICT (entry_id) DO NOTHING;
    RETURN NULL;
END $$;

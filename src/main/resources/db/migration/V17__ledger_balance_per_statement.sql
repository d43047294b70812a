-- Every entry balances, checked as before when its transaction commits, but no longer by a plpgsql call per line.
--
-- The old check was a deferred row trigger: at commit, one function call and one index lookup per ledger line, and
-- each entry summed twice (once per line). A close posts about 40,000 lines of accruals and 33,000 of spends for
-- 20,000 distributors, and those calls cost as much as writing the lines (bench/CLOSE.md).
--
-- Now a statement trigger sums, once per statement, the entries the statement's lines belong to (a transition
-- table: one set-based query however many lines). The ledger's writers insert an entry's lines in one statement, so
-- that check finds every entry balanced and is all there is. An entry left unbalanced by one statement (its lines
-- inserted one at a time, in several statements) is noted in ledger_balance_pending, and a deferred constraint
-- trigger on that table checks it again when the transaction commits: the rule stays "balanced at commit", and only
-- such entries pay a call each.

DROP TRIGGER ledger_entry_balanced ON ledger_line;
DROP FUNCTION ledger_check_balanced();

CREATE TABLE ledger_balance_pending (
    entry_id BIGINT PRIMARY KEY
);

CREATE FUNCTION ledger_note_unbalanced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_balance_pending (entry_id)
    SELECT l.entry_id
      FROM ledger_line l
     WHERE l.entry_id IN (SELECT entry_id FROM new_lines)
     GROUP BY l.entry_id
    HAVING sum(l.debit) <> sum(l.credit)
        ON CONFLICT (entry_id) DO NOTHING;
    RETURN NULL;
END $$;

CREATE TRIGGER ledger_entry_balanced AFTER INSERT ON ledger_line
    REFERENCING NEW TABLE AS new_lines
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_note_unbalanced();

CREATE FUNCTION ledger_check_pending_balance() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    difference NUMERIC;
BEGIN
    SELECT sum(debit) - sum(credit) INTO difference FROM ledger_line WHERE entry_id = NEW.entry_id;
    IF difference <> 0 THEN
        RAISE EXCEPTION 'ledger entry % does not balance: debits exceed credits by %', NEW.entry_id, difference;
    END IF;
    DELETE FROM ledger_balance_pending WHERE entry_id = NEW.entry_id;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER ledger_entry_balanced_at_commit AFTER INSERT ON ledger_balance_pending
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_pending_balance();

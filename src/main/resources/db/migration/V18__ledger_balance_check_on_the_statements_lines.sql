-- The statement trigger of V17 summed, for every entry the statement's lines belong to, all of that entry's lines
-- in ledger_line: one index lookup per line, and ledger_line read again right after it was written. It now sums the
-- statement's own lines only (the transition table) and notes an entry whose lines in this statement do not
-- balance; the deferred trigger of V17 then checks that entry's lines in full at commit, as before.
--
-- Why that is the same rule: lines are never changed or removed (ledger_line_append_only), so an entry's balance at
-- commit is the sum of what each statement added to it. When that sum is not zero, at least one statement added a
-- non-zero amount, and that statement noted the entry. An entry whose every statement balanced on its own balances.

CREATE OR REPLACE FUNCTION ledger_note_unbalanced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_balance_pending (entry_id)
    SELECT entry_id
      FROM new_lines
     GROUP BY entry_id
    HAVING sum(debit) <> sum(credit)
        ON CONFLICT (entry_id) DO NOTHING;
    RETURN NULL;
END $$;

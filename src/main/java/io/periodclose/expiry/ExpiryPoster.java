package io.periodclose.expiry;

import io.periodclose.ledger.Accounts;
import io.periodclose.ledger.Ledger;
import io.periodclose.ledger.Posting;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import java.util.ArrayList;
import java.util.List;

/** Lets a chunk of positive year-end balances lapse: one EXPIRY entry of the whole balance each, on 31 December. */
public class ExpiryPoster implements ItemWriter<Balance> {

    private final Ledger ledger;
    private final int year;
    private final Long jobExecutionId;

    public ExpiryPoster(Ledger ledger, int year, Long jobExecutionId) {
        this.ledger = ledger;
        this.year = year;
        this.jobExecutionId = jobExecutionId;
    }

    @Override
    public void write(Chunk<? extends Balance> chunk) {
        Accounts accounts = ledger.accounts();
        List<Posting> expiries = new ArrayList<>();
        for (Balance balance : chunk) {
            expiries.add(Posting.expiry(accounts, balance.distributor(), balance.currency(), year, balance.amount()));
        }
        ledger.post(expiries, jobExecutionId);
    }
}

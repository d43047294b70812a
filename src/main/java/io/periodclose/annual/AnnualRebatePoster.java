package io.periodclose.annual;

import io.periodclose.ledger.Ledger;
import io.periodclose.ledger.Posting;
import io.periodclose.money.Currencies;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * Posts a chunk of annual rebates: ANNUAL:D:Y for each positive total, effective 1 January Y+1. The idempotency
 * keys make a redone chunk, a restarted step or a second run of the step post nothing twice.
 */
public class AnnualRebatePoster implements ItemWriter<AnnualTotal> {

    private final Ledger ledger;
    private final int year;
    private final Long jobExecutionId;

    public AnnualRebatePoster(Ledger ledger, int year, Long jobExecutionId) {
        this.ledger = ledger;
        this.year = year;
        this.jobExecutionId = jobExecutionId;
    }

    @Override
    public void write(Chunk<? extends AnnualTotal> chunk) {
        List<Posting> postings = new ArrayList<>();
        for (AnnualTotal rebate : chunk) {
            if (rebate.total().signum() > 0) {
                // the table keeps four decimals; the posting carries the currency's minor unit it was rounded to
                postings.add(Posting.annual(ledger.accounts(), rebate.distributor(), rebate.currency(), year,
                        Currencies.round(rebate.total(), rebate.currency())));
            }
        }
        ledger.post(postings, jobExecutionId);
    }
}

package io.periodclose.ledger;

import io.periodclose.period.CloseRun;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Posts a chunk of a close run's bonuses. The first close accrues each positive total; a re-close posts only the
 * signed difference to what was credited for the quarter so far, as an ADJUSTMENT at its business date, and
 * nothing when nothing changed. Idempotency keys make a redone chunk harmless.
 */
public class RebatePoster implements ItemWriter<RebateTotal> {

    private final Ledger ledger;
    private final CloseRun run;
    private final Long jobExecutionId;

    public RebatePoster(Ledger ledger, CloseRun run, Long jobExecutionId) {
        this.ledger = ledger;
        this.run = run;
        this.jobExecutionId = jobExecutionId;
    }

    @Override
    public void write(Chunk<? extends RebateTotal> chunk) {
        if (run.isReclose()) {
            ledger.post(adjustments(chunk), jobExecutionId);
        } else {
            ledger.accrue(run.quarter(), chunk.getItems(), jobExecutionId);
        }
    }

    private List<Posting> adjustments(Chunk<? extends RebateTotal> chunk) {
        Accounts accounts = ledger.accounts();
        Map<String, BigDecimal> credited = ledger.accruedFor(run.quarter(),
                chunk.getItems().stream().map(RebateTotal::distributor).toList());
        List<Posting> postings = new ArrayList<>();
        for (RebateTotal rebate : chunk) {
            BigDecimal delta = rebate.total().subtract(credited.getOrDefault(rebate.distributor(), BigDecimal.ZERO));
            if (delta.signum() != 0) {
                postings.add(Posting.adjustment(accounts, rebate.distributor(), rebate.currency(), run.quarter(),
                        run.sequence(), run.businessDate(), delta));
            }
        }
        return postings;
    }
}

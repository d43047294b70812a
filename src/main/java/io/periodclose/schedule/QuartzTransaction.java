package io.periodclose.schedule;

import org.quartz.SchedulerException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs Quartz calls in one Spring transaction: the JDBC job store takes its row locks on the transaction's
 * connection (Spring's LocalDataSourceJobStore), so changes are atomic and the other instances wait for them.
 * Nested calls join the transaction already open.
 */
final class QuartzTransaction {

    interface Work<T> {
        T run() throws SchedulerException;
    }

    private final TransactionTemplate transaction;

    QuartzTransaction(PlatformTransactionManager transactionManager) {
        this.transaction = new TransactionTemplate(transactionManager);
    }

    <T> T run(Work<T> work) {
        return transaction.execute(status -> {
            try {
                return work.run();
            } catch (SchedulerException e) {
                throw new IllegalStateException("the scheduler failed: " + e.getMessage(), e);
            }
        });
    }
}

package io.periodclose.period;

import io.periodclose.PeriodCloseProperties;
import io.periodclose.program.ProgramLoader;
import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The markClosed tasklet on PostgreSQL: what the close and a re-close leave in {@code period_close}. */
@DatabaseTest
class MarkQuarterClosedTest {

    private static final Quarter Q1 = Quarter.parse("2026-Q1");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloseRuns closeRuns;
    @Autowired
    ProgramLoader programLoader;
    @Autowired
    PeriodCloseProperties properties;

    @BeforeEach
    void wipe() {
        Books.wipe(jdbc);
    }

    @Test
    void theCloseClosesTheQuarterAndAReclosePointsItAtItselfKeepingTheCloseDate() {
        CloseRun close = run(0, "2026-04-05");
        mark(close);
        assertThat(closeRuns.latestCompleted(Q1)).contains(close);
        assertThat(jdbc.queryForObject("SELECT business_date FROM period_close WHERE period = '2026-Q1'",
                LocalDate.class)).isEqualTo(LocalDate.parse("2026-04-05"));

        CloseRun reclose = run(1, "2026-07-05");
        mark(reclose);
        mark(reclose);
        assertThat(closeRuns.latestCompleted(Q1)).contains(reclose);
        assertThat(jdbc.queryForObject("SELECT business_date FROM period_close WHERE period = '2026-Q1'",
                LocalDate.class)).isEqualTo(LocalDate.parse("2026-04-05"));
    }

    private void mark(CloseRun run) {
        StepExecution step = MetaDataInstanceFactory.createStepExecution();
        new MarkQuarterClosed(jdbc, run).execute(new StepContribution(step), new ChunkContext(new StepContext(step)));
    }

    private CloseRun run(int sequence, String businessDate) {
        return closeRuns.create(Q1, sequence, LocalDate.parse(businessDate),
                programLoader.load(properties.programs(), Q1.year()));
    }
}

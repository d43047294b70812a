package io.periodclose.period;

import io.periodclose.RefusedException;
import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The year-end waits for a close of its year that awaits approval (SPEC §9), so it sees that close's figures. */
@DatabaseTest
class PendingApprovalRulesTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PeriodRules rules;

    @BeforeEach
    void q4Closed() {
        Books.wipe(jdbc);
        Books.markClosed(jdbc, "2026-Q4");
    }

    @Test
    void theYearEndIsRefusedWhileARecloseOfItsYearAwaitsApproval() {
        assertThatCode(() -> rules.checkExpiry(2026)).doesNotThrowAnyException();
        Long run = jdbc.queryForObject("INSERT INTO close_run (period, sequence, business_date, program_sha256, reclose)"
                + " VALUES ('2026-Q4', 1, DATE '2027-01-15', repeat('0', 64), true) RETURNING id", Long.class);
        jdbc.update("INSERT INTO approval (job_name, period, close_run_id, job_instance_id, job_execution_id, launched_by,"
                + " figures_sha256, totals, status) VALUES ('close', '2026-Q4', ?, -1, -1, 'anna', repeat('0', 64),"
                + " '{}', 'PENDING')", run);

        assertThatThrownBy(() -> rules.checkExpiry(2026)).isInstanceOf(RefusedException.class)
                .hasMessageContaining("the 2026-Q4 close awaits approval");

        jdbc.update("UPDATE approval SET status = 'REJECTED', decided_by = 'boris', decided_at = now(), reason = 'x'");
        assertThatCode(() -> rules.checkExpiry(2026)).doesNotThrowAnyException();
    }
}

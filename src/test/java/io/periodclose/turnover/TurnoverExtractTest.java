package io.periodclose.turnover;

import io.periodclose.PeriodCloseProperties;
import io.periodclose.period.Quarter;
import io.periodclose.program.BonusProgram;
import io.periodclose.program.ProgramLoader;
import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The turnover aggregate runs with at most the configured parallel workers (never more than the server allows) and
 * without JIT, for its own transaction only, and its figures do not depend on either.
 */
@DatabaseTest
class TurnoverExtractTest {

    private static final Quarter Q1 = Quarter.parse("2026-Q1");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    ProgramLoader programLoader;
    @Autowired
    PeriodCloseProperties properties;

    BonusProgram program;

    @BeforeEach
    void books() {
        Books.wipe(jdbc);
        new Fixtures(jdbc)
                .distributor("D1", "GOLD", "EUR")
                .distributor("D2", "SILVER", "EUR")
                .distributor("D3", "BRONZE", "EUR")
                .invoice("D1", "2026-02-10", "LAPTOPS", "10000.00", "EUR")
                .invoice("D1", "2026-03-01", "PRINTERS", "2500.50", "EUR")
                .creditNote("D1", "2026-03-15", "LAPTOPS", "500.25", "EUR")
                .invoice("D2", "2026-01-11", "LAPTOPS", "4000.00", "EUR")
                .invoice("D2", "2025-01-11", "LAPTOPS", "3000.00", "EUR");
        program = programLoader.load(properties.programs(), Q1.year()).program();
    }

    @Test
    void theConfiguredWorkersAndNoJitForTheAggregatesTransactionOnly() {
        String serverWorkers = jdbc.queryForObject("SHOW max_parallel_workers_per_gather", String.class);
        String serverJit = jdbc.queryForObject("SHOW jit", String.class);
        assertThat(serverWorkers).as("the test server's own setting, PostgreSQL's default").isEqualTo("2");

        assertThat(settingsDuringTheAggregate(1)).containsExactly("1", "off");
        assertThat(settingsDuringTheAggregate(0)).containsExactly("0", "off");
        assertThat(settingsDuringTheAggregate(64)).as("never more than the server allows")
                .containsExactly(serverWorkers, "off");

        assertThat(jdbc.queryForObject("SHOW max_parallel_workers_per_gather", String.class)).isEqualTo(serverWorkers);
        assertThat(jdbc.queryForObject("SHOW jit", String.class)).isEqualTo(serverJit);
    }

    @Test
    void theFiguresDoNotDependOnTheWorkers() {
        List<Map<String, Object>> serial = figures(0);
        assertThat(serial).hasSize(3);
        assertThat(serial.get(0)).containsEntry("code", "D1");
        assertThat((BigDecimal) serial.get(0).get("turnover")).isEqualByComparingTo("12000.25");
        assertThat((BigDecimal) serial.get(1).get("last_year")).isEqualByComparingTo("3000.00");
        assertThat(figures(1)).isEqualTo(serial);
        assertThat(figures(2)).isEqualTo(serial);
    }

    private List<String> settingsDuringTheAggregate(int workers) {
        return new TransactionTemplate(transactionManager).execute(status -> {
            TurnoverExtract.aggregate(jdbc, program, Q1, workers);
            return List.of(jdbc.queryForObject("SHOW max_parallel_workers_per_gather", String.class),
                    jdbc.queryForObject("SHOW jit", String.class));
        });
    }

    private List<Map<String, Object>> figures(int workers) {
        return new TransactionTemplate(transactionManager).execute(status -> {
            // every plan PostgreSQL would otherwise pick for a few rows is serial: make parallel ones free
            jdbc.execute("SET LOCAL parallel_setup_cost = 0");
            jdbc.execute("SET LOCAL parallel_tuple_cost = 0");
            jdbc.execute("SET LOCAL min_parallel_table_scan_size = 0");
            TurnoverExtract.aggregate(jdbc, program, Q1, workers);
            return jdbc.queryForList("SELECT code, turnover, last_year, promo::text AS promo, early_paid FROM "
                    + TurnoverExtract.AGGREGATE + " ORDER BY code");
        });
    }
}

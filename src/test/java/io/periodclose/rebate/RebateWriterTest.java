package io.periodclose.rebate;

import io.periodclose.PeriodCloseProperties;
import io.periodclose.period.CloseRun;
import io.periodclose.period.CloseRuns;
import io.periodclose.period.Quarter;
import io.periodclose.program.BonusProgram;
import io.periodclose.program.ProgramLoader;
import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The calculateRebates writer on PostgreSQL: every figure and the explanation stored, a failed chunk not at all. */
@DatabaseTest
class RebateWriterTest {

    private static final Quarter Q3 = Quarter.parse("2026-Q3");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    CloseRuns closeRuns;
    @Autowired
    ProgramLoader programLoader;
    @Autowired
    PeriodCloseProperties properties;

    private BonusProgram program;
    private CloseRun run;

    @BeforeEach
    void closeRun() {
        Books.wipe(jdbc);
        new Fixtures(jdbc).distributor("D1", "GOLD", "EUR").distributor("D2", "BRONZE", "JPY")
                .distributor("D3", "SILVER", "RUB");
        var loaded = programLoader.load(properties.programs(), Q3.year());
        program = loaded.program();
        run = closeRuns.create(Q3, 0, LocalDate.parse("2026-10-05"), loaded);
    }

    @Test
    void storesEveryFigureOfTheCalculationWithItsExplanation() {
        // GOLD with a target it beats and growth on last year; JPY without a target; RUB with no positive turnover
        RebateCalculation gold = calculate("D1", "EUR", "GOLD", "120000.00", "100000.00", "100000.00");
        RebateCalculation yen = calculate("D2", "JPY", "BRONZE", "1234567", null, "0");
        RebateCalculation none = calculate("D3", "RUB", "SILVER", "-50.25", "1000.00", "10.00");

        write(gold, yen, none);

        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT distributor_code, currency, turnover, target_amount, base, attainment, growth, promo, uncapped,
                       cap_amount, cap_applied, total, explanation::text AS explanation
                  FROM rebate WHERE close_run_id = ? ORDER BY distributor_code""", run.id());
        assertThat(rows).hasSize(3);
        for (int i = 0; i < 3; i++) {
            RebateCalculation c = List.of(gold, yen, none).get(i);
            Map<String, Object> row = rows.get(i);
            assertThat(row.get("distributor_code")).isEqualTo(c.figures().distributorCode());
            assertThat(row.get("currency")).isEqualTo(c.figures().currency());
            assertThat((BigDecimal) row.get("turnover")).isEqualByComparingTo(c.figures().turnover());
            assertThat((BigDecimal) row.get("base")).isEqualByComparingTo(c.sum(RebateComponent.Kind.BASE));
            assertThat((BigDecimal) row.get("attainment")).isEqualByComparingTo(c.sum(RebateComponent.Kind.ATTAINMENT));
            assertThat((BigDecimal) row.get("growth")).isEqualByComparingTo(c.sum(RebateComponent.Kind.GROWTH));
            assertThat((BigDecimal) row.get("promo")).isEqualByComparingTo(c.sum(RebateComponent.Kind.PROMO));
            assertThat((BigDecimal) row.get("uncapped")).isEqualByComparingTo(c.uncapped());
            assertThat((BigDecimal) row.get("cap_amount")).isEqualByComparingTo(c.capAmount());
            assertThat(row.get("cap_applied")).isEqualTo(c.capApplied());
            assertThat((BigDecimal) row.get("total")).isEqualByComparingTo(c.total());
            assertThat(jdbc.queryForObject("SELECT ?::jsonb = ?::jsonb", Boolean.class, row.get("explanation"),
                    Explanations.aloneAsText(c)))
                    .as("the explanation of %s", c.figures().distributorCode()).isTrue();
        }
        // figures worked out by hand: GOLD 1.5 % of 120000.00 = 1800.00, attainment 120 % → 5.0 % = 6000.00,
        // growth 20 % → 0.5 % = 600.00; uncapped 8400.00 above the cap 5 % = 6000.00
        assertThat(rows.get(0)).containsEntry("total", new BigDecimal("6000.0000"))
                .containsEntry("cap_applied", true).containsEntry("target_amount", new BigDecimal("100000.0000"));
        // BRONZE 0.5 % of 1234567 yen = 6172.835, rounded to whole yen 6173; no target
        assertThat(rows.get(1)).containsEntry("base", new BigDecimal("6173.0000")).containsEntry("target_amount", null);
        assertThat(rows.get(2)).containsEntry("turnover", new BigDecimal("-50.2500"))
                .containsEntry("total", new BigDecimal("0.0000"));
        assertThat(jdbc.queryForObject("SELECT explanation->>'noPositiveTurnover' FROM rebate WHERE distributor_code = 'D3'",
                String.class)).isEqualTo("true");
    }

    @Test
    void aChunkSentInManySegmentsIsStoredWhole() {
        // 500 calculations with their explanations take about 700 kB of COPY data: a dozen segments of 64 kB
        List<RebateCalculation> chunk = new java.util.ArrayList<>();
        BigDecimal totals = BigDecimal.ZERO;
        for (int i = 1; i <= 500; i++) {
            RebateCalculation c = calculate("D%04d".formatted(i), "EUR", "GOLD", i + "000.00", "1000.00", "900.00");
            chunk.add(c);
            totals = totals.add(c.total());
        }

        write(chunk.toArray(RebateCalculation[]::new));

        assertThat(jdbc.queryForMap("SELECT count(*) AS n, sum(total) AS total FROM rebate WHERE close_run_id = ?",
                run.id())).containsEntry("n", 500L).containsEntry("total", totals.setScale(4));
        for (int i : new int[] {1, 250, 500}) {
            RebateCalculation c = chunk.get(i - 1);
            assertThat(jdbc.queryForObject("SELECT explanation::jsonb = ?::jsonb FROM rebate WHERE distributor_code = ?",
                    Boolean.class, Explanations.aloneAsText(c),
                    c.figures().distributorCode())).as("the explanation of %s", c.figures().distributorCode()).isTrue();
        }
    }

    @Test
    void aChunkThatFailsLeavesNoRowsAndCanBeWrittenAgain() {
        RebateCalculation d1 = calculate("D1", "EUR", "GOLD", "1000.00", null, "0");
        RebateCalculation d2 = calculate("D2", "JPY", "BRONZE", "1000", null, "0");
        write(d1);

        assertThatThrownBy(() -> write(d2, d1)).as("D1 is there already").hasMessageContaining("rebate_pkey");
        assertThat(jdbc.queryForList("SELECT distributor_code FROM rebate ORDER BY 1", String.class))
                .as("nothing of the failed chunk is kept").containsExactly("D1");

        write(d2);
        assertThat(jdbc.queryForList("SELECT distributor_code FROM rebate ORDER BY 1", String.class))
                .containsExactly("D1", "D2");
    }

    private RebateCalculation calculate(String distributor, String currency, String tier, String turnover,
                                        String target, String lastYear) {
        return RebateCalculator.calculate(program, new TurnoverFigures(distributor, Q3, currency, tier,
                new BigDecimal(turnover), target == null ? null : new BigDecimal(target), new BigDecimal(lastYear),
                program.promos().stream().map(p -> BigDecimal.ZERO).toList()));
    }

    /** In a transaction, as the chunk-oriented step writes. */
    private void write(RebateCalculation... calculations) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            try {
                new RebateWriter(dataSource, run).write(Chunk.of(calculations));
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }
}

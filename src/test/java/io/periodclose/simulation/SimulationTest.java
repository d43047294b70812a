package io.periodclose.simulation;

import io.periodclose.BadInputException;
import io.periodclose.ops.Operations.Actor;
import io.periodclose.period.CloseService;
import io.periodclose.period.Quarter;
import io.periodclose.simulation.SimulationReport.RungCount;
import io.periodclose.simulation.SimulationReport.Summary;
import io.periodclose.simulation.SimulationReport.Total;
import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SPEC §9 simulation on PostgreSQL: the programme in force reproduces the close to the cent, a draft's differences
 * are the hand-computed ones, and nothing but the simulation's own tables changes.
 */
@DatabaseTest
class SimulationTest {

    private static final Path IN_FORCE = Path.of("src/test/resources/programs");
    private static final Quarter Q = Quarter.parse("2027-Q1");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloseService closes;
    @Autowired
    SimulationService simulations;
    @Autowired
    SimulationReport report;
    @Autowired
    Simulations stored;

    Fixtures books;

    @BeforeEach
    void books() {
        Books.wipe(jdbc);
        books = SimulationFixtures.books(jdbc);
        close("2026-Q1", "2026-04-05");
        SimulationFixtures.quarterOf2027(books);
    }

    @Test
    void theProgrammeInForceReproducesTheCloseToTheCentAndChangesNothing() {
        close("2027-Q1", "2027-04-05");
        Map<String, String> before = SimulationFixtures.fingerprint(jdbc);

        SimulationService.Launched launched = simulate(IN_FORCE);

        // the figures of ProgrammeRulesCloseTest, worked out there by hand
        assertThat(csv(launched.simulation())).isEqualTo("""
                distributor_code,currency,turnover,current_total,simulated_total,difference
                A1,EUR,12000.00,325.00,325.00,0.00
                A2,EUR,12000.00,270.00,270.00,0.00
                A3,EUR,15000.00,525.00,525.00,0.00
                A4,EUR,11000.00,220.00,220.00,0.00
                A5,EUR,10999.00,164.99,164.99,0.00
                B1,EUR,2000.00,60.00,60.00,0.00
                C1,EUR,20000.00,1000.00,1000.00,0.00
                """);
        Summary summary = summary(launched.simulation());
        assertThat(summary.totals()).containsExactly(new Total("EUR", new BigDecimal("2564.99"),
                new BigDecimal("2564.99")));
        assertThat(SimulationFixtures.fingerprint(jdbc)).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT sum(r.total) FROM rebate r JOIN close_run c"
                + " ON c.id = r.close_run_id WHERE c.period = '2027-Q1'", BigDecimal.class))
                .isEqualByComparingTo("2564.99");
    }

    @Test
    void aDraftWithAHigherTierRatePaysTheHandComputedDifferences() {
        close("2027-Q1", "2027-04-05");
        Map<String, String> before = SimulationFixtures.fingerprint(jdbc);

        SimulationService.Launched launched = simulate(SimulationFixtures.draftWithGoldAt2(
                Path.of("target/test-out/simulation-drafts/gold-at-2")));

        // GOLD 2 % instead of 1.5 %: each GOLD base grows by 0.5 % of T, nothing reaches the cap (5 % of T):
        // A1 +60.00 (0.5 % of 12,000.00), A2 +60.00, A3 +75.00 (600.00 of a 750.00 cap), A4 +55.00,
        // A5 219.98 − 164.99 = +54.99; SILVER B1 and PLATINUM C1 (capped at 1,000.00) are unchanged.
        assertThat(csv(launched.simulation())).isEqualTo("""
                distributor_code,currency,turnover,current_total,simulated_total,difference
                A1,EUR,12000.00,325.00,385.00,60.00
                A2,EUR,12000.00,270.00,330.00,60.00
                A3,EUR,15000.00,525.00,600.00,75.00
                A4,EUR,11000.00,220.00,275.00,55.00
                A5,EUR,10999.00,164.99,219.98,54.99
                B1,EUR,2000.00,60.00,60.00,0.00
                C1,EUR,20000.00,1000.00,1000.00,0.00
                """);
        Summary summary = summary(launched.simulation());
        assertThat(summary.totals()).containsExactly(new Total("EUR", new BigDecimal("2564.99"),
                new BigDecimal("2869.98")));
        assertThat(summary.totals().get(0).difference()).isEqualByComparingTo("304.99");
        // attainment: only C1 has a target (80 % exactly); growth: A5 9.99 % none, A1 A2 A4 10 %, A3 B1 C1 25 %
        assertThat(summary.rungs()).extracting(r -> r.ladder() + " " + r.label() + " " + r.current() + "/"
                + r.simulated()).containsExactly("attainment none 6/6", "attainment 80% 1/1", "attainment 100% 0/0",
                "growth none 1/1", "growth 10% 3/3", "growth 25% 3/3");
        // GOLD's cost is its five totals: 1504.99 in force, 1809.98 with the draft
        assertThat(summary.costs()).contains(new SimulationReport.Cost("EUR", "GOLD", new BigDecimal("1504.99"),
                new BigDecimal("1809.98")));
        assertThat(CostChartTest.english(summary.costs(), true)).startsWith("<svg").contains(">GOLD</text>",
                ">1809.98</text>", ">growth 25%</text>").doesNotContain("style", "script");
        assertThat(SimulationFixtures.fingerprint(jdbc)).isEqualTo(before);
    }

    @Test
    void anOpenQuarterHasNoCurrentTotalButComparesTheRungsWithTheProgrammeInForce() {
        Map<String, String> before = SimulationFixtures.fingerprint(jdbc);

        SimulationService.Launched launched = simulate(SimulationFixtures.draftWithGoldAt2(
                Path.of("target/test-out/simulation-drafts/gold-at-2")));

        assertThat(csv(launched.simulation())).startsWith("""
                distributor_code,currency,turnover,current_total,simulated_total,difference
                A1,EUR,12000.00,,385.00,
                A2,EUR,12000.00,,330.00,
                """);
        Summary summary = summary(launched.simulation());
        assertThat(summary.compared()).isTrue();
        // the programme in force calculated with the same code gives the close's figures it would post
        assertThat(summary.totals()).containsExactly(new Total("EUR", new BigDecimal("2564.99"),
                new BigDecimal("2869.98")));
        assertThat(summary.rungs()).extracting(RungCount::current).containsExactly(6L, 1L, 0L, 1L, 3L, 3L);
        assertThat(SimulationFixtures.fingerprint(jdbc)).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM turnover", Long.class)).isEqualTo(7);
    }

    @Test
    void aDraftOfAnotherYearIsBadInputAndAudited() {
        Path dir = SimulationFixtures.draft(Path.of("target/test-out/simulation-drafts/wrong-year"),
                "year: 2027", "year: 2028");

        assertThatThrownBy(() -> simulate(dir)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("2027.yml").hasMessageContaining("year");
        assertThat(jdbc.queryForList("SELECT outcome || ' ' || action FROM audit_event", String.class))
                .containsExactly("REFUSED SIMULATE");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM simulation", Long.class)).isZero();
    }

    private SimulationService.Launched simulate(Path programs) {
        SimulationService.Launched launched = simulations.simulate(new Actor("anna", io.periodclose.ops.AuditLog
                .Channel.CLI), Q, programs);
        assertThat(launched.execution().getStatus()).as(launched.execution().getAllFailureExceptions().toString())
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.queryForList("SELECT username || ' ' || channel || ' ' || action || ' ' || outcome"
                        + " FROM audit_event WHERE job_execution_id = ?", String.class, launched.execution().getId()))
                .containsExactly("anna CLI SIMULATE DONE");
        return launched;
    }

    private String csv(Simulation simulation) {
        StringBuilder out = new StringBuilder();
        report.csv(simulation, out);
        return out.toString();
    }

    private Summary summary(Simulation simulation) {
        return report.summary(simulation, stored.programs(simulation));
    }

    private void close(String period, String asOf) {
        JobExecution execution = closes.close(Quarter.parse(period), LocalDate.parse(asOf), false);
        assertThat(execution.getStatus()).as(execution.getAllFailureExceptions().toString())
                .isEqualTo(BatchStatus.COMPLETED);
    }
}

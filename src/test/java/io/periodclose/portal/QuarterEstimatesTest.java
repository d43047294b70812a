package io.periodclose.portal;

import io.periodclose.period.CloseService;
import io.periodclose.period.Quarter;
import io.periodclose.rebate.RebateCalculation;
import io.periodclose.rebate.RebateComponent.Kind;
import io.periodclose.simulation.SimulationFixtures;
import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal's "if the quarter closed today" is the close's own bonus: estimated while 2027-Q1 is open, with the
 * SPEC §8 rules on (the 2027 test programme: early payment, top performers of each tier, cap), then closed, every
 * distributor's every component and total are the close's to the cent. The books are ProgrammeRulesCloseTest's,
 * whose hand-worked figures the close is held to there.
 */
@DatabaseTest
class QuarterEstimatesTest {

    private static final Quarter Q1 = Quarter.parse("2027-Q1");
    private static final List<String> CODES = List.of("A1", "A2", "A3", "A4", "A5", "B1", "C1");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloseService closes;
    @Autowired
    QuarterEstimates estimates;

    @BeforeEach
    void lastYearClosedAndThisQuarterRunning() {
        estimates.forget();
        Books.wipe(jdbc);
        Fixtures books = SimulationFixtures.books(jdbc);
        close("2026-Q1", "2026-04-05");
        SimulationFixtures.quarterOf2027(books);
    }

    @Test
    void theEstimateOfAnOpenQuarterIsTheClosesBonusToTheCent() {
        Map<String, RebateCalculation> estimated = new LinkedHashMap<>();
        for (String code : CODES) {
            estimated.put(code, estimates.estimate(code, Q1).orElseThrow().calculation());
        }
        // the hand-worked figures of ProgrammeRulesCloseTest: early payment and top-performer places included
        assertThat(estimated.get("A1").total()).isEqualByComparingTo("325.00");
        assertThat(estimated.get("A1").sum(Kind.EARLY_PAYMENT)).isEqualByComparingTo("25.00");
        assertThat(estimated.get("A1").sum(Kind.TOP_PERFORMER)).isEqualByComparingTo("60.00");
        assertThat(estimated.get("A3").sum(Kind.TOP_PERFORMER)).isEqualByComparingTo("150.00");
        assertThat(estimated.get("C1").uncapped()).isEqualByComparingTo("1300.00");
        assertThat(estimated.get("C1").total()).isEqualByComparingTo("1000.00");
        assertThat(estimated.get("C1").capApplied()).isTrue();
        // C1 reached the 80 % rung of 25,000.00; the 100 % rung needs 5,000.00 more turnover
        assertThat(estimated.get("C1").nextRung().rung().from()).isEqualByComparingTo("100");
        assertThat(estimated.get("C1").nextRung().turnoverNeeded()).isEqualByComparingTo("5000.00");

        close("2027-Q1", "2027-04-05");

        Map<String, List<BigDecimal>> closed = new LinkedHashMap<>();
        jdbc.query("""
                SELECT r.distributor_code, r.base, r.attainment, r.growth, r.promo, r.early_payment, r.top_performer,
                       r.uncapped, r.total
                  FROM rebate r JOIN close_run c ON c.id = r.close_run_id WHERE c.period = '2027-Q1'""", rs -> {
            closed.put(rs.getString(1), List.of(rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                    rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8),
                    rs.getBigDecimal(9)));
        });
        assertThat(closed).hasSize(CODES.size());
        for (String code : CODES) {
            RebateCalculation e = estimated.get(code);
            List<BigDecimal> mine = List.of(e.sum(Kind.BASE), e.sum(Kind.ATTAINMENT), e.sum(Kind.GROWTH),
                    e.sum(Kind.PROMO), e.sum(Kind.EARLY_PAYMENT), e.sum(Kind.TOP_PERFORMER), e.uncapped(), e.total());
            for (int i = 0; i < mine.size(); i++) {
                assertThat(mine.get(i)).as(code + " figure " + i).isEqualByComparingTo(closed.get(code).get(i));
            }
        }
        // computed as if it were still open, the closed quarter gives the same again
        estimates.forget();
        for (String code : CODES) {
            assertThat(estimates.estimate(code, Q1).orElseThrow().calculation()).isEqualTo(estimated.get(code));
        }
    }

    @Test
    void aQuarterOfAYearWithoutAProgrammeHasNoEstimate() {
        assertThat(estimates.estimate("A1", Quarter.parse("2029-Q1"))).isEmpty();
    }

    private void close(String period, String asOf) {
        assertThat(closes.close(Quarter.parse(period), LocalDate.parse(asOf), false).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
    }
}

package io.periodclose.dashboard;

import io.periodclose.dashboard.CloseResults.RungCount;
import io.periodclose.dashboard.Dashboard.QuarterFund;
import io.periodclose.ledger.BonusFundQueries.QuarterEndBalance;
import io.periodclose.ledger.BonusFundQueries.QuarterMovements;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import static org.assertj.core.api.Assertions.assertThat;

/** How the dashboard lays out the figures the queries give, with hand-made figures: no database needed. */
class DashboardFiguresTest {

    /** The admin interface's English words ({@code i18n/messages.properties}). */
    private static final DashboardService.Words ENGLISH =
            ResourceBundle.getBundle("i18n.messages", Locale.ROOT)::getString;

    @Test
    void eachCurrencyHasEveryQuarterFromItsFirstAndAQuietQuarterKeepsTheBalanceBefore() {
        List<QuarterFund> rows = DashboardService.quarters(List.of(
                        movements("2025-Q1", "EUR", "100.00", "0", "40.00", "0"),
                        movements("2025-Q4", "EUR", "10.00", "5.00", "0", "70.00"),
                        movements("2025-Q3", "JPY", "1000", "0", "0", "0")),
                List.of(balance("2025-Q2", "EUR", "100.00"), balance("2025-Q3", "EUR", "60.00"),
                        balance("2025-Q4", "EUR", "0.00"), balance("2025-Q4", "JPY", "1000")));

        assertThat(rows).extracting(r -> r.quarter() + " " + r.currency() + " " + r.accrued().toPlainString() + " "
                        + r.annual().toPlainString() + " " + r.spent().toPlainString() + " "
                        + r.expired().toPlainString() + " " + r.balance().toPlainString())
                .containsExactly(
                        "2025-Q1 EUR 100.00 0 40.00 0 0",       // accrued for Q1, credited on 1 April
                        "2025-Q2 EUR 0 0 0 0 100.00",
                        "2025-Q3 EUR 0 0 0 0 60.00",
                        "2025-Q3 JPY 1000 0 0 0 0",             // JPY starts in Q3: no earlier rows
                        "2025-Q4 EUR 10.00 5.00 0 70.00 0.00",
                        "2025-Q4 JPY 0 0 0 0 1000");
    }

    @Test
    void utilisationIsSpentOverAccruedToOneDecimalAndNothingWithoutAccruals() {
        assertThat(DashboardService.utilisation(new BigDecimal("1.00"), new BigDecimal("3.00")))
                .isEqualByComparingTo("33.3");
        assertThat(DashboardService.utilisation(new BigDecimal("2.00"), new BigDecimal("3.00")))
                .isEqualByComparingTo("66.7");
        assertThat(DashboardService.utilisation(BigDecimal.ZERO, BigDecimal.ZERO)).isNull();
    }

    @Test
    void theRungTableHasAColumnPerRungAnyQuarterUsedAndZerosWhereNoneReachedIt() {
        Dashboard.RungTable table = DashboardService.rungTable(List.of(
                new RungCount("2025-Q1", null, 7), new RungCount("2025-Q1", new BigDecimal("80"), 2),
                new RungCount("2025-Q2", new BigDecimal("100.0"), 1), new RungCount("2025-Q2", null, 8)),
                ENGLISH, Locale.ENGLISH);

        assertThat(table.rungs()).containsExactly("no rung", "80 %", "100 %");
        assertThat(table.rows()).extracting(r -> r.quarter() + " " + r.counts())
                .containsExactly("2025-Q1 [7, 2, 0]", "2025-Q2 [8, 0, 1]");
    }

    @Test
    void theFundChartScalesEachCurrencyOnItsOwnWithAccruedSpentAndExpiredOverTime() {
        String svg = DashboardService.fundChart(List.of(
                new QuarterFund("2025-Q3", "EUR", new BigDecimal("50.00"), BigDecimal.ZERO, BigDecimal.ZERO,
                        BigDecimal.ZERO, BigDecimal.ZERO),
                new QuarterFund("2025-Q4", "EUR", new BigDecimal("150.00"), new BigDecimal("50.00"),
                        new BigDecimal("100.00"), new BigDecimal("20.00"), BigDecimal.ZERO),
                new QuarterFund("2025-Q4", "JPY", new BigDecimal("1000"), BigDecimal.ZERO, new BigDecimal("250"),
                        BigDecimal.ZERO, BigDecimal.ZERO)), ENGLISH, Locale.ENGLISH);

        assertThat(svg).startsWith("<svg ").doesNotContain("style", "<script")
                .contains(">accrued</text>", ">spent</text>", ">expired</text>", ">EUR</text>", ">JPY</text>")
                .contains(">max 200.00</text>", ">max 1,000</text>", ">2025-Q3</text>", ">2025-Q4</text>")
                // EUR: accrued 150.00 + annual 50.00 = 200.00 fills the 110 px plot, spent 100.00 half of it,
                // 2025-Q3's 50.00 a quarter; the figure in each column's tooltip
                .contains("height=\"110\" fill=\"" + DashboardService.ACCRUED_COLOUR
                        + "\"><title>2025-Q4 accrued: 200.00</title>")
                .contains("height=\"55\" fill=\"" + DashboardService.SPENT_COLOUR
                        + "\"><title>2025-Q4 spent: 100.00</title>")
                .contains("height=\"28\" fill=\"" + DashboardService.ACCRUED_COLOUR
                        + "\"><title>2025-Q3 accrued: 50.00</title>")
                .contains("height=\"1\" fill=\"" + DashboardService.SPENT_COLOUR
                        + "\"><title>2025-Q3 spent: 0.00</title>")
                // JPY on its own scale: 1000 fills it too, 250 a quarter
                .contains("height=\"28\" fill=\"" + DashboardService.SPENT_COLOUR
                        + "\"><title>2025-Q4 spent: 250</title>");
    }

    @Test
    void theRungChartShowsTheLatestQuartersNewestFirst() {
        String svg = DashboardService.rungChart(List.of(
                new RungCount("2025-Q1", null, 1), new RungCount("2025-Q2", null, 2),
                new RungCount("2025-Q3", null, 3), new RungCount("2025-Q4", new BigDecimal("80"), 4),
                new RungCount("2026-Q1", new BigDecimal("100"), 5)), ENGLISH, Locale.ENGLISH);

        assertThat(svg).contains(">2026-Q1</text>", ">2025-Q2</text>", ">100 %</text>", ">80 %</text>")
                .doesNotContain(">2025-Q1</text>");
        assertThat(svg.indexOf(">2026-Q1</text>")).isLessThan(svg.indexOf(">2025-Q4</text>"));
    }

    private static QuarterMovements movements(String quarter, String currency, String accrued, String annual,
                                              String spent, String expired) {
        return new QuarterMovements(quarter, currency, new BigDecimal(accrued), new BigDecimal(annual),
                new BigDecimal(spent), new BigDecimal(expired));
    }

    private static QuarterEndBalance balance(String quarter, String currency, String balance) {
        return new QuarterEndBalance(quarter, currency, new BigDecimal(balance));
    }
}

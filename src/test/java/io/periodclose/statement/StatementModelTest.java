package io.periodclose.statement;

import io.periodclose.claims.ClaimStatus;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static io.periodclose.statement.SampleStatements.ALFA;
import static io.periodclose.statement.SampleStatements.Q2;
import static io.periodclose.statement.SampleStatements.Q3;
import static io.periodclose.statement.SampleStatements.SHA;
import static io.periodclose.statement.SampleStatements.d;
import static io.periodclose.statement.SampleStatements.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The model refuses a statement that does not reconcile rather than print it. */
class StatementModelTest {

    @Test
    void theSummaryAddsUpTheMovementsByType() {
        BalanceSummary s = SampleStatements.alfaQ3().summary();

        // 1 250.00 + 6 000.00 − (350.00 + 1 234.50) − (4 000.00 + 2 500.00 + 400.00 + 0.00) − 0 = −1 234.50
        assertThat(s).isEqualTo(new BalanceSummary(d("1250.00"), d("6000.00"), d("-1584.50"), d("6900.00"),
                d("0"), d("-1234.50")));
    }

    @Test
    void aClosingBalanceThatDoesNotFollowFromTheMovementsIsRefused() {
        assertThatThrownBy(() -> new QuarterStatement(header("D1", ALFA, "EUR", "QS-1"), Q3, "MB-2026", SHA,
                d("100.00"), List.of(Movement.accrual(Q2, d("50.00"))), d("140.00"),
                SampleStatements.noTurnoverQ3("EUR", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("QS-1").hasMessageContaining("150.00").hasMessageContaining("140.00");
    }

    @Test
    void aMovementOutsideTheQuarterIsRefused() {
        assertThatThrownBy(() -> new QuarterStatement(header("D1", ALFA, "EUR", "QS-1"), Q3, "MB-2026", SHA,
                d("0.00"), List.of(Movement.accrual(Q3, d("50.00"))), d("50.00"),
                SampleStatements.noTurnoverQ3("EUR", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2026-10-01");
    }

    @Test
    void theBonusMustBeTheStatementQuartersOwn() {
        assertThatThrownBy(() -> new QuarterStatement(header("D1", ALFA, "EUR", "QS-1"), Q3, "MB-2026", SHA,
                d("0.00"), List.of(), d("0.00"), SampleStatements.cappedQ2()))
                .hasMessageContaining("credited on 2026-10-01, not 2026-07-01");
    }

    @Test
    void movementsAreListedByDateWhateverTheOrderGiven() {
        QuarterStatement s = new QuarterStatement(header("D1", ALFA, "EUR", "QS-1"), Q3, "MB-2026", SHA, d("0.00"),
                List.of(Movement.adjustment(LocalDate.of(2026, 9, 1), Q2, d("5.00"), null),
                        Movement.accrual(Q2, d("50.00"))),
                d("55.00"), SampleStatements.noTurnoverQ3("EUR", "0"));

        assertThat(s.movements()).extracting(Movement::type)
                .containsExactly(MovementType.ACCRUAL, MovementType.ADJUSTMENT);
    }

    @Test
    void aSpendIsTheNegatedCoveredPartOfItsClaim() {
        Movement spend = SampleStatements.claim("C-1", LocalDate.of(2026, 8, 1), "CATALOGUES", "x", "300.00",
                "300.00", "120.00");

        assertThat(spend.amount()).isEqualTo(d("-120.00"));
        assertThat(spend.claim().distributorPays()).isEqualTo(d("180.00"));
        assertThat(spend.claim().status()).isEqualTo(ClaimStatus.PARTIAL);
        assertThatThrownBy(() -> new Movement(LocalDate.of(2026, 8, 1), MovementType.SPEND, null, null,
                d("-100.00"), spend.claim())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClaimDetail("C-2", LocalDate.of(2026, 8, 1), "SAMPLES", "", d("100.00"),
                d("50.00"), d("50.00"), d("40.00"))).hasMessageContaining("is not the amount");
    }

    @Test
    void theAnnualExpiryMustBeThePositiveBalanceOfTheYearEnd() {
        // 500.00 + … = 3 000.00 before the expiry (see SampleStatements.alfa2026)
        AnnualStatement a = SampleStatements.alfa2026();
        assertThat(a.balanceBeforeExpiry()).isEqualTo(d("3000.00"));
        assertThat(a.quarters()).extracting(q -> q.summary().closing())
                .containsExactly(d("1800.00"), d("4800.00"), d("4800.00"), d("3000.00"));

        assertThatThrownBy(() -> new AnnualStatement(a.header(), 2026, a.openingBalance(), a.movements(),
                d("2000.00"), d("1000.00"))).hasMessageContaining("3000.00 expires, not 2000.00");
        assertThatThrownBy(() -> new AnnualStatement(a.header(), 2026, d("0.00"),
                List.of(Movement.expiry(2026, d("0.00"))), d("0.00"), d("0.00")))
                .hasMessageContaining("not among the movements");
    }

    @Test
    void anAmountWithMoreDigitsThanItsCurrencyIsNotRoundedIntoThePdf() {
        QuarterStatement yen = new QuarterStatement(header("D1", ALFA, "JPY", "QS-1"), Q3, "MB-2026", SHA,
                d("10.5"), List.of(), d("10.5"), SampleStatements.noTurnoverQ3("JPY", "0"));

        assertThatThrownBy(() -> new StatementRenderer(Path.of("reports")).renderQuarter(yen, null))
                .hasMessageContaining("10.5 has more decimals than JPY allows (0)");
    }
}

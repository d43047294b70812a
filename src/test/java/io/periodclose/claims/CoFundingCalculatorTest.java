package io.periodclose.claims;

import io.periodclose.program.CoFunding;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Expected figures are worked out by hand in the comments, never by the code under test. */
class CoFundingCalculatorTest {

    private static final CoFunding FIFTY_FIFTY = new CoFunding(d("50"), List.of("CATALOGUES", "TRADE_SHOWS"));

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static LocalDate day(String iso) {
        return LocalDate.parse(iso);
    }

    private static Claim claim(String id, String date, String direction, String amount) {
        return new Claim(id, day(date), direction, d(amount));
    }

    private static Function<LocalDate, BigDecimal> constant(String balance) {
        return date -> d(balance);
    }

    private static List<ClaimSettlement> settle(Function<LocalDate, BigDecimal> balance, Claim... claims) {
        return CoFundingCalculator.settle("EUR", FIFTY_FIFTY, balance, List.of(claims));
    }

    /** One row per settlement: claim id, requested, balance before, covered, distributor pays, status. */
    private static List<Tuple> rows(List<ClaimSettlement> settled) {
        return settled.stream().map(s -> tuple(s.claim().claimId(), s.requested(), s.balanceBefore(), s.covered(),
                s.distributorPays(), s.status())).toList();
    }

    @Test
    void allCovered() {
        List<ClaimSettlement> settled = settle(constant("1000.00"),
                claim("C1", "2026-04-10", "FLYERS", "300.00"),      // 50 %: 150.00
                claim("C2", "2026-05-01", "CATALOGUES", "200.00")); // key direction, 100 %: 200.00

        assertThat(rows(settled)).containsExactly(
                tuple("C1", d("150.00"), d("1000.00"), d("150.00"), d("150.00"), ClaimStatus.COVERED),
                tuple("C2", d("200.00"), d("850.00"), d("200.00"), d("0.00"), ClaimStatus.COVERED));
        assertThat(settled).extracting(ClaimSettlement::share).containsExactly(d("50"), d("100"));
        assertThat(settled.get(1).balanceAfter()).isEqualTo(d("650.00"));
    }

    @Test
    void coveredThenPartialThenUncovered() {
        List<ClaimSettlement> settled = settle(constant("300.00"),
                claim("C1", "2026-04-10", "TRADE_SHOWS", "250.00"), // 250.00 of 300.00 → 50.00 left
                claim("C2", "2026-04-20", "SAMPLES", "300.00"),     // asks 150.00, gets the 50.00 left
                claim("C3", "2026-05-01", "SAMPLES", "100.00"));    // asks 50.00, nothing left

        assertThat(rows(settled)).containsExactly(
                tuple("C1", d("250.00"), d("300.00"), d("250.00"), d("0.00"), ClaimStatus.COVERED),
                tuple("C2", d("150.00"), d("50.00"), d("50.00"), d("250.00"), ClaimStatus.PARTIAL),
                tuple("C3", d("50.00"), d("0.00"), d("0.00"), d("100.00"), ClaimStatus.UNCOVERED));
    }

    @Test
    void requestedRoundsHalfUp() {
        List<ClaimSettlement> settled = settle(constant("1000.00"),
                claim("C1", "2026-04-10", "SAMPLES", "100.01"), // 50.005 → 50.01, distributor 50.00
                claim("C2", "2026-04-11", "SAMPLES", "0.01"));  // 0.005 → 0.01, distributor 0.00

        assertThat(rows(settled)).containsExactly(
                tuple("C1", d("50.01"), d("1000.00"), d("50.01"), d("50.00"), ClaimStatus.COVERED),
                tuple("C2", d("0.01"), d("949.99"), d("0.01"), d("0.00"), ClaimStatus.COVERED));
    }

    @Test
    void negativeBalanceCoversNothingUntilAnAccrualLiftsIt() {
        // −120.00 at the start; +200.00 effective 1 May makes it 80.00
        Function<LocalDate, BigDecimal> balance =
                CoFundingCalculator.balanceBeforeSpends(d("-120.00"), Map.of(day("2026-05-01"), d("200.00")));

        List<ClaimSettlement> settled = settle(balance,
                claim("C1", "2026-04-15", "SAMPLES", "100.00"),    // asks 50.00 of −120.00
                claim("C2", "2026-05-02", "SAMPLES", "100.00"),    // asks 50.00 of 80.00
                claim("C3", "2026-05-03", "CATALOGUES", "40.00")); // asks 40.00 of 30.00

        assertThat(rows(settled)).containsExactly(
                tuple("C1", d("50.00"), d("-120.00"), d("0.00"), d("100.00"), ClaimStatus.UNCOVERED),
                tuple("C2", d("50.00"), d("80.00"), d("50.00"), d("50.00"), ClaimStatus.COVERED),
                tuple("C3", d("40.00"), d("30.00"), d("30.00"), d("10.00"), ClaimStatus.PARTIAL));
    }

    @Test
    void claimsOfTheSameDateApplyInOrderOfTheirIds() {
        List<ClaimSettlement> settled = settle(constant("100.00"),
                claim("C-2", "2026-04-15", "SAMPLES", "100.00"),  // asks 50.00, only 20.00 left after C-1
                claim("C-1", "2026-04-15", "SAMPLES", "160.00")); // asks 80.00, applied first

        assertThat(rows(settled)).containsExactly(
                tuple("C-1", d("80.00"), d("100.00"), d("80.00"), d("80.00"), ClaimStatus.COVERED),
                tuple("C-2", d("50.00"), d("20.00"), d("20.00"), d("80.00"), ClaimStatus.PARTIAL));
    }

    @Test
    void dateComesBeforeIdAndIdsCompareAsText() {
        List<ClaimSettlement> settled = settle(constant("1000.00"),
                claim("A", "2026-05-01", "SAMPLES", "10.00"),
                claim("C9", "2026-04-01", "SAMPLES", "10.00"),
                claim("C10", "2026-04-01", "SAMPLES", "10.00"),
                claim("Z", "2026-03-31", "SAMPLES", "10.00"));

        assertThat(settled).extracting(s -> s.claim().claimId()).containsExactly("Z", "C10", "C9", "A");
    }

    @Test
    void claimOnTheQuartersFirstDaySeesTheAccrualEffectiveThatDay() {
        // Q2's accrual of 500.00 becomes effective on 1 July, the first day of Q3; the fund was empty before.
        Function<LocalDate, BigDecimal> balance =
                CoFundingCalculator.balanceBeforeSpends(d("0.00"), Map.of(day("2026-07-01"), d("500.00")));

        List<ClaimSettlement> settled = settle(balance, claim("C1", "2026-07-01", "SAMPLES", "400.00"));

        assertThat(rows(settled)).containsExactly(
                tuple("C1", d("200.00"), d("500.00"), d("200.00"), d("200.00"), ClaimStatus.COVERED));
    }

    @Test
    void claimOfZeroIsCoveredEvenOnANegativeBalance() {
        assertThat(rows(settle(constant("-10.00"), claim("C1", "2026-04-01", "SAMPLES", "0.00")))).containsExactly(
                tuple("C1", d("0.00"), d("-10.00"), d("0.00"), d("0.00"), ClaimStatus.COVERED));
    }

    @Test
    void currencyWithoutMinorUnit() {
        List<ClaimSettlement> settled = CoFundingCalculator.settle("JPY", FIFTY_FIFTY, constant("10000"),
                List.of(claim("C1", "2026-04-01", "SAMPLES", "1001"))); // 500.5 → 501

        assertThat(rows(settled)).containsExactly(
                tuple("C1", d("501"), d("10000"), d("501"), d("500"), ClaimStatus.COVERED));
    }

    @Test
    void balanceIsAskedOncePerClaimDate() {
        List<LocalDate> asked = new ArrayList<>();
        settle(date -> {
                    asked.add(date);
                    return d("1000.00");
                },
                claim("C1", "2026-04-01", "SAMPLES", "10.00"),
                claim("C2", "2026-04-01", "SAMPLES", "10.00"),
                claim("C3", "2026-04-02", "SAMPLES", "10.00"));

        assertThat(asked).containsExactly(day("2026-04-01"), day("2026-04-02"));
    }

    @Test
    void balanceBeforeSpendsAddsMovementsEffectiveOnOrBeforeTheDate() {
        Function<LocalDate, BigDecimal> balance = CoFundingCalculator.balanceBeforeSpends(d("10.00"),
                Map.of(day("2026-07-01"), d("500.00"), day("2026-08-15"), d("-20.00")));

        assertThat(balance.apply(day("2026-06-30"))).isEqualTo(d("10.00"));
        assertThat(balance.apply(day("2026-07-01"))).isEqualTo(d("510.00"));
        assertThat(balance.apply(day("2026-08-14"))).isEqualTo(d("510.00"));
        assertThat(balance.apply(day("2026-08-15"))).isEqualTo(d("490.00"));
    }

    @Test
    void noClaimsNothingSettled() {
        assertThat(settle(constant("1.00"))).isEmpty();
    }

    @Test
    void refusesWhatTheImportShouldHaveRefused() {
        assertThatThrownBy(() -> claim("C1", "2026-04-01", "SAMPLES", "-1.00"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> settle(constant("1.00"), claim("C1", "2026-04-01", "SAMPLES", "1.001")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more decimals than EUR");
        assertThatThrownBy(() -> settle(constant("1.00"),
                claim("C1", "2026-04-01", "SAMPLES", "1.00"), claim("C1", "2026-04-02", "SAMPLES", "2.00")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C1 appears twice");
        assertThatThrownBy(() -> settle(date -> null, claim("C1", "2026-04-01", "SAMPLES", "1.00")))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("no balance for 2026-04-01");
    }
}

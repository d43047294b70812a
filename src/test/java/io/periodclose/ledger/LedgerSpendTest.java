package io.periodclose.ledger;

import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static io.periodclose.support.LedgerAssertions.assertLedgerSound;
import static io.periodclose.support.LedgerAssertions.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Ledger#spend}: a first batch in one statement, a redone batch (a restarted chunk) compared with what it
 * posted before and written only where it is new, and a claim spent twice with another amount refused.
 */
@DatabaseTest
class LedgerSpendTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Ledger ledger;

    @BeforeEach
    void books() {
        Books.wipe(jdbc);
        new Fixtures(jdbc).distributor("D1", "GOLD", "EUR").distributor("D2", "SILVER", "JPY");
    }

    @Test
    void aRedoneBatchPostsOnlyWhatIsNewAndTheSameClaimTwiceOnce() {
        assertThat(ledger.spend(List.of(spend("C1", "D1", "EUR", "100.00"), spend("C1", "D1", "EUR", "100.00"),
                spend("C2", "D2", "JPY", "300")), 5L)).isEqualTo(2);
        List<String> first = entries(jdbc);
        assertThat(first).containsExactly(
                "SPEND:C1 SPEND 2026-05-10 EUR 100.0000 2390/D1 100.0000/0.0000, 6320 0.0000/100.0000",
                "SPEND:C2 SPEND 2026-05-10 JPY 300.0000 2390/D2 300.0000/0.0000, 6320 0.0000/300.0000");

        assertThat(ledger.spend(List.of(spend("C2", "D2", "JPY", "300"), spend("C1", "D1", "EUR", "100.00")), 6L))
                .as("the same batch again").isZero();
        assertThat(entries(jdbc)).isEqualTo(first);

        assertThat(ledger.spend(List.of(spend("C1", "D1", "EUR", "100.00"), spend("C3", "D1", "EUR", "7.50")), 7L))
                .as("a batch with one claim posted before").isEqualTo(1);
        assertThat(entries(jdbc)).hasSize(3).contains(
                "SPEND:C3 SPEND 2026-05-10 EUR 7.5000 2390/D1 7.5000/0.0000, 6320 0.0000/7.5000");
        assertLedgerSound(jdbc);
    }

    @Test
    void aClaimSpentBeforeWithAnotherAmountIsAConflict() {
        ledger.spend(List.of(spend("C1", "D1", "EUR", "100.00")), 5L);

        assertThatThrownBy(() -> ledger.spend(List.of(spend("C4", "D1", "EUR", "1.00"), spend("C1", "D1", "EUR",
                "100.01")), 6L)).isInstanceOf(LedgerConflictException.class).hasMessageContaining("SPEND:C1");
        assertThat(entries(jdbc)).hasSize(1);
    }

    @Test
    void aSpendIsCheckedAsAPostingIs() {
        assertThatThrownBy(() -> spend("C1", "D1", "EUR", "0.005")).hasMessageContaining("not rounded");
        assertThatThrownBy(() -> spend("C1", "D1", "JPY", "0")).hasMessageContaining("positive");
    }

    private static Spend spend(String claim, String distributor, String currency, String covered) {
        return new Spend(claim, distributor, currency, LocalDate.parse("2026-05-10"), new BigDecimal(covered),
                "Claim " + claim);
    }
}

package io.periodclose.claims;

import io.periodclose.PeriodCloseProperties;
import io.periodclose.ledger.Ledger;
import io.periodclose.ledger.Posting;
import io.periodclose.period.CloseRun;
import io.periodclose.period.CloseRuns;
import io.periodclose.period.Quarter;
import io.periodclose.program.ProgramLoader;
import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static io.periodclose.support.LedgerAssertions.assertLedgerSound;
import static io.periodclose.support.LedgerAssertions.balance;
import static io.periodclose.support.LedgerAssertions.entries;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The applyClaims writer on PostgreSQL, with the test programme's co-funding (50 %, CATALOGUES 100 %): claims in
 * (date, id) order against the balance at each claim's date, each claim settled once.
 */
@DatabaseTest
class ClaimSettlerTest {

    private static final Quarter Q2 = Quarter.parse("2026-Q2");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Ledger ledger;
    @Autowired
    CloseRuns closeRuns;
    @Autowired
    ProgramLoader programLoader;
    @Autowired
    PeriodCloseProperties properties;

    @BeforeEach
    void aFundOf575AndFourClaims() {
        Books.wipe(jdbc);
        new Fixtures(jdbc).distributor("D1", "GOLD", "EUR").distributor("D2", "SILVER", "EUR")
                .claim("C2", "D1", "2026-04-15", "BOOKLETS", "400.00", "EUR")
                .claim("C1", "D1", "2026-04-01", "CATALOGUES", "300.00", "EUR")
                .claim("C4", "D1", "2026-05-01", "SAMPLES", "10.00", "EUR")
                .claim("C3", "D1", "2026-05-01", "ADVERTISING", "200.00", "EUR");
        ledger.post(List.of(Posting.accrual(ledger.accounts(), "D1", "EUR", Quarter.parse("2026-Q1"),
                new BigDecimal("575.00"))), 1L);
    }

    @Test
    void settlesEachClaimAgainstTheBalanceAtItsDateAndPostsWhatTheFundCovers() {
        settler(run(0, "2026-07-03")).write(Chunk.of("D1", "D2"));

        assertThat(jdbc.queryForList("""
                SELECT claim_id || ' ' || requested::numeric(12, 2) || ' ' || balance_before::numeric(12, 2) || ' '
                       || covered::numeric(12, 2) || ' ' || distributor_pays::numeric(12, 2) || ' ' || status
                  FROM claim_settlement ORDER BY claim_id""", String.class))
                .containsExactly(
                        "C1 300.00 575.00 300.00 0.00 COVERED",
                        "C2 200.00 275.00 200.00 200.00 COVERED",
                        "C3 100.00 75.00 75.00 125.00 PARTIAL",
                        "C4 5.00 0.00 0.00 10.00 UNCOVERED");
        assertThat(jdbc.queryForList("SELECT idempotency_key FROM ledger_entry WHERE entry_type = 'SPEND' ORDER BY 1",
                String.class)).containsExactly("SPEND:C1", "SPEND:C2", "SPEND:C3");
        assertThat(balance(jdbc, "D1", "2026-06-30")).isEqualByComparingTo("0.00");
        assertLedgerSound(jdbc);
    }

    @Test
    void aRestartOrARecloseLeavesSettledClaimsAlone() {
        settler(run(0, "2026-07-03")).write(Chunk.of("D1"));
        var settlements = jdbc.queryForList("SELECT * FROM claim_settlement ORDER BY claim_id");
        var ledgerBefore = entries(jdbc);

        settler(run(0, "2026-07-03")).write(Chunk.of("D1"));
        settler(run(1, "2026-07-10")).write(Chunk.of("D1"));

        assertThat(jdbc.queryForList("SELECT * FROM claim_settlement ORDER BY claim_id")).isEqualTo(settlements);
        assertThat(entries(jdbc)).isEqualTo(ledgerBefore);
    }

    private CloseRun run(int sequence, String businessDate) {
        return closeRuns.find(Q2, sequence).orElseGet(() -> closeRuns.create(Q2, sequence,
                LocalDate.parse(businessDate), programLoader.load(properties.programs(), Q2.year())));
    }

    private ClaimSettler settler(CloseRun run) {
        return new ClaimSettler(jdbc, new SettlementWriter(jdbc), ledger, run, closeRuns.program(run).program().coFunding(), 2L);
    }
}

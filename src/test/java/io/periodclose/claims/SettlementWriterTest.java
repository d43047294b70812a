package io.periodclose.claims;

import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A batch of claim settlements stored in one statement, every figure as given; a claim is never settled twice. */
@DatabaseTest
class SettlementWriterTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SettlementWriter writer;

    long closeRun;

    @BeforeEach
    void claims() {
        Books.wipe(jdbc);
        new Fixtures(jdbc).distributor("D1", "GOLD", "EUR").distributor("D2", "GOLD", "JPY")
                .claim("C1", "D1", "2026-04-01", "CATALOGUES", "300.00", "EUR")
                .claim("C2", "D1", "2026-04-15", "BOOKLETS", "400.00", "EUR")
                .claim("C3", "D2", "2026-05-01", "SAMPLES", "1001", "JPY");
        jdbc.update("INSERT INTO program_snapshot (sha256, program_id, year, content)"
                + " VALUES (repeat('0', 64), 'TEST', 2026, '')");
        closeRun = jdbc.queryForObject("INSERT INTO close_run (period, sequence, business_date, program_sha256)"
                + " VALUES ('2026-Q2', 0, '2026-07-02', repeat('0', 64)) RETURNING id", Long.class);
    }

    @Test
    void storesEverySettlementOfTheBatchWithItsCloseRun() {
        int stored = writer.write(closeRun, List.of(
                settlement("C1", "2026-04-01", "300.00", "100", "300.00", "575.00", "300.00", ClaimStatus.COVERED),
                settlement("C2", "2026-04-15", "400.00", "50", "200.00", "275.00", "200.00", ClaimStatus.COVERED),
                settlement("C3", "2026-05-01", "1001", "50", "501", "-3", "0", ClaimStatus.UNCOVERED)));

        assertThat(stored).isEqualTo(3);
        assertThat(jdbc.queryForList("""
                SELECT claim_id || ' ' || close_run_id || ' ' || share || ' ' || requested || ' ' || balance_before
                       || ' ' || covered || ' ' || distributor_pays || ' ' || status
                  FROM claim_settlement ORDER BY claim_id""", String.class)).containsExactly(
                "C1 " + closeRun + " 100.0000 300.0000 575.0000 300.0000 0.0000 COVERED",
                "C2 " + closeRun + " 50.0000 200.0000 275.0000 200.0000 200.0000 COVERED",
                "C3 " + closeRun + " 50.0000 501.0000 -3.0000 0.0000 1001.0000 UNCOVERED");
    }

    @Test
    void aBatchSentInManySegmentsIsStoredWhole() {
        // 3,000 settlements take about 200 kB of COPY data: several segments of 64 kB
        jdbc.update("""
                INSERT INTO claim (claim_id, distributor_code, claim_date, direction, description, amount, currency,
                                   import_id, source_line)
                SELECT 'M' || i, 'D1', DATE '2026-05-02', 'CATALOGUES', 'x', i + 0.25, 'EUR', 0, i
                  FROM generate_series(1, 3000) AS i""");
        List<ClaimSettlement> settlements = new java.util.ArrayList<>();
        for (int i = 1; i <= 3000; i++) {
            String amount = i + ".25";
            settlements.add(settlement("M" + i, "2026-05-02", amount, "100", amount, "999999.00", amount,
                    ClaimStatus.COVERED));
        }

        assertThat(writer.write(closeRun, settlements)).isEqualTo(3000);
        assertThat(jdbc.queryForMap("SELECT count(*) AS n, sum(covered) AS covered, min(claim_id) AS first,"
                + " max(requested) AS largest FROM claim_settlement WHERE claim_id LIKE 'M%'"))
                // 1 + 2 + … + 3000 = 4,501,500, plus 3,000 × 0.25
                .containsEntry("n", 3000L).containsEntry("covered", new BigDecimal("4502250.0000"))
                .containsEntry("first", "M1").containsEntry("largest", new BigDecimal("3000.2500"));
    }

    @Test
    void aClaimSettledAlreadyFailsTheWholeBatch() {
        writer.write(closeRun, List.of(
                settlement("C1", "2026-04-01", "300.00", "100", "300.00", "575.00", "300.00", ClaimStatus.COVERED)));

        assertThatThrownBy(() -> writer.write(closeRun, List.of(
                settlement("C2", "2026-04-15", "400.00", "50", "200.00", "275.00", "200.00", ClaimStatus.COVERED),
                settlement("C1", "2026-04-01", "300.00", "100", "300.00", "575.00", "300.00", ClaimStatus.COVERED))))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(jdbc.queryForList("SELECT claim_id FROM claim_settlement", String.class)).containsExactly("C1");
    }

    private static ClaimSettlement settlement(String id, String date, String amount, String share, String requested,
                                              String balanceBefore, String covered, ClaimStatus status) {
        Claim claim = new Claim(id, LocalDate.parse(date), "X", new BigDecimal(amount));
        return new ClaimSettlement(claim, new BigDecimal(share), new BigDecimal(requested),
                new BigDecimal(balanceBefore), new BigDecimal(covered),
                claim.amount().subtract(new BigDecimal(covered)), status);
    }
}

package io.periodclose.claims;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;

/**
 * Stores a batch of claim settlements of a close run in one {@code INSERT … SELECT FROM unnest(…)}, in the caller's
 * transaction. A claim settled already fails the whole batch on {@code claim_settlement}'s key: a claim is settled
 * once, and the settler leaves settled claims out before it settles.
 */
@Repository
public class SettlementWriter {

    private final JdbcTemplate jdbc;

    public SettlementWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns how many settlements were stored. */
    public int write(long closeRunId, List<ClaimSettlement> settlements) {
        if (settlements.isEmpty()) {
            return 0;
        }
        int n = settlements.size();
        Object[][] columns = new Object[7][n];
        for (int i = 0; i < n; i++) {
            ClaimSettlement s = settlements.get(i);
            columns[0][i] = s.claim().claimId();
            columns[1][i] = s.share();
            columns[2][i] = s.requested();
            columns[3][i] = s.balanceBefore();
            columns[4][i] = s.covered();
            columns[5][i] = s.distributorPays();
            columns[6][i] = s.status().name();
        }
        String[] types = {"varchar", "numeric", "numeric", "numeric", "numeric", "numeric", "varchar"};
        Integer stored = jdbc.execute((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO claim_settlement (claim_id, close_run_id, share, requested, balance_before, covered,
                                                  distributor_pays, status)
                    SELECT s.claim_id, ?, s.share, s.requested, s.balance_before, s.covered, s.distributor_pays,
                           s.status
                      FROM unnest(?::varchar[], ?::numeric[], ?::numeric[], ?::numeric[], ?::numeric[], ?::numeric[],
                                  ?::varchar[])
                           AS s(claim_id, share, requested, balance_before, covered, distributor_pays, status)""")) {
                ps.setLong(1, closeRunId);
                for (int col = 0; col < columns.length; col++) {
                    ps.setArray(col + 2, c.createArrayOf(types[col], columns[col]));
                }
                return ps.executeUpdate();
            }
        });
        return stored == null ? 0 : stored;
    }
}

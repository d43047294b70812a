package io.periodclose.claims;

import io.periodclose.database.CopyBinary;
import org.postgresql.PGConnection;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Connection;
import java.util.List;

/**
 * Stores a batch of claim settlements of a close run as one binary {@code COPY}, in the caller's transaction, sent in
 * segments as they are encoded: the server parses no numbers. A claim settled already fails the whole batch on
 * {@code claim_settlement}'s key ({@link DuplicateKeyException}): a claim is settled once, and the settler leaves
 * settled claims out before it settles.
 */
@Repository
public class SettlementWriter {

    private static final String COPY = """
            COPY claim_settlement (claim_id, close_run_id, share, requested, balance_before, covered, distributor_pays,
                                   status)
              FROM STDIN (FORMAT binary)""";
    private static final int FIELDS = 8;
    private static final int BYTES_PER_ROW = 160;

    private final JdbcTemplate jdbc;

    public SettlementWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns how many settlements were stored. */
    public int write(long closeRunId, List<ClaimSettlement> settlements) {
        if (settlements.isEmpty()) {
            return 0;
        }
        Long stored = jdbc.execute((Connection c) -> new CopyBinary(CopyBinary.SEGMENT_BYTES + BYTES_PER_ROW).copy(
                c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY), settlements,
                (CopyBinary rows, ClaimSettlement s) -> rows.fieldCount(FIELDS)
                        .text(s.claim().claimId())
                        .int8(closeRunId)
                        .numeric(s.share())
                        .numeric(s.requested())
                        .numeric(s.balanceBefore())
                        .numeric(s.covered())
                        .numeric(s.distributorPays())
                        .text(s.status().name())));
        return stored == null ? 0 : stored.intValue();
    }
}

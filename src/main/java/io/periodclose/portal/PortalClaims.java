package io.periodclose.portal;

import io.periodclose.money.Currencies;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A distributor's marketing claims as the portal shows them: each with its settlement once its quarter has closed
 * (SPEC §6: the part the bonus fund covered, the part the distributor pays). Every query is bound to the one
 * distributor, so a claim of another is simply not found.
 */
@Repository
class PortalClaims {

    /** {@code status} null: not settled yet (its quarter has not closed). Amounts formatted in the currency. */
    record Claim(String id, LocalDate date, String direction, String description, String amount, String currency,
                 String status, String covered, String distributorPays) {
    }

    private static final String SELECT = """
            SELECT c.claim_id, c.claim_date, c.direction, c.description, c.amount, c.currency, s.status, s.covered,
                   s.distributor_pays
              FROM claim c LEFT JOIN claim_settlement s ON s.claim_id = c.claim_id
             WHERE c.distributor_code = ?""";

    private static final RowMapper<Claim> CLAIM = (rs, n) -> new Claim(rs.getString(1),
            rs.getObject(2, LocalDate.class), rs.getString(3), rs.getString(4), money(rs.getBigDecimal(5),
            rs.getString(6)), rs.getString(6), rs.getString(7), money(rs.getBigDecimal(8), rs.getString(6)),
            money(rs.getBigDecimal(9), rs.getString(6)));

    private final JdbcTemplate jdbc;

    PortalClaims(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<Claim> of(String distributor) {
        return jdbc.query(SELECT + " ORDER BY c.claim_date DESC, c.claim_id COLLATE \"C\"", CLAIM, distributor);
    }

    Optional<Claim> one(String distributor, String claimId) {
        return jdbc.query(SELECT + " AND c.claim_id = ?", CLAIM, distributor, claimId).stream().findFirst();
    }

    private static String money(BigDecimal amount, String currency) {
        return amount == null ? null : Currencies.format(amount, currency);
    }
}

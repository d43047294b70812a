package io.periodclose.importing;

import io.periodclose.importing.RowParsers.Claim;
import io.periodclose.period.Quarter;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Claims are transactions like sales lines, and more: a claim dated inside a closed quarter is refused,
 * since that quarter's spending has been settled, and so is a claim in a direction the programme of its year does
 * not pay (SPEC §8.1). Re-importing a claim already imported is still a no-op, whatever the programme says now.
 */
class ClaimWriter extends ImportWriter {

    private final ClaimEligibility eligibility;

    ClaimWriter(JdbcTemplate jdbc, long importId, ClaimEligibility eligibility) {
        super(jdbc, importId);
        this.eligibility = eligibility;
    }

    @Override
    protected void store(List<ImportItem> rows, Tally tally) {
        ClosedQuarters closed = ClosedQuarters.load(jdbc);
        Map<String, Claim> existing = new HashMap<>();
        Map<String, String> origin = new HashMap<>();
        String[] ids = rows.stream().map(r -> r.as(Claim.class).claimId()).distinct().toArray(String[]::new);
        jdbc.query("SELECT c.claim_id, c.distributor_code, c.claim_date, c.direction, c.description, c.amount,"
                + " c.currency, r.file, c.source_line FROM claim c LEFT JOIN import_run r ON r.id = c.import_id"
                + " WHERE c.claim_id = ANY (?)", rs -> {
            existing.put(rs.getString(1), new Claim(rs.getString(1), rs.getString(2), rs.getObject(3, java.time.LocalDate.class),
                    rs.getString(4), rs.getString(5), rs.getBigDecimal(6), rs.getString(7)));
            origin.put(rs.getString(1), rs.getString(8) + " line " + rs.getLong(9));
        }, (Object) ids);
        String file = null;
        List<Object[]> inserts = new ArrayList<>();
        for (ImportItem item : rows) {
            Claim claim = item.as(Claim.class);
            Claim before = existing.get(claim.claimId());
            if (before != null) {
                if (sameContent(before, claim)) {
                    tally.unchanged();
                } else {
                    tally.reject(item.row(), "conflicts with an already imported row (" + origin.get(claim.claimId()) + ")");
                }
                continue;
            }
            Quarter quarter = Quarter.of(claim.claimDate());
            if (closed.contains(quarter)) {
                tally.reject(item.row(), "quarter " + quarter + " is closed");
                continue;
            }
            String notEligible = eligibility.refusal(claim.claimDate().getYear(), claim.direction());
            if (notEligible != null) {
                tally.reject(item.row(), notEligible);
                continue;
            }
            existing.put(claim.claimId(), claim);
            if (file == null) {
                file = jdbc.queryForObject("SELECT file FROM import_run WHERE id = ?", String.class, importId);
            }
            origin.put(claim.claimId(), file + " line " + item.row().line());
            inserts.add(new Object[]{claim.claimId(), claim.distributorCode(), Date.valueOf(claim.claimDate()),
                    claim.direction(), claim.description(), claim.amount(), claim.currency(), importId, item.row().line()});
            tally.accepted();
        }
        jdbc.batchUpdate("INSERT INTO claim (claim_id, distributor_code, claim_date, direction, description, amount,"
                + " currency, import_id, source_line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", inserts);
    }

    private static boolean sameContent(Claim a, Claim b) {
        return a.distributorCode().equals(b.distributorCode()) && a.claimDate().equals(b.claimDate())
                && a.direction().equals(b.direction()) && a.description().equals(b.description())
                && a.amount().compareTo(b.amount()) == 0 && a.currency().equals(b.currency());
    }
}

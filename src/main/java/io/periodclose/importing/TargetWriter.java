package io.periodclose.importing;

import io.periodclose.importing.RowParsers.Target;
import io.periodclose.period.Quarter;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Targets are master data, versioned like distributors, except that a closed quarter's target is frozen:
 * the close used it, and changing it afterwards would make the close unexplainable.
 */
class TargetWriter extends ImportWriter {

    TargetWriter(JdbcTemplate jdbc, long importId) {
        super(jdbc, importId);
    }

    @Override
    protected void store(List<ImportItem> rows, Tally tally) {
        ClosedQuarters closed = ClosedQuarters.load(jdbc);
        Map<String, BigDecimal> current = new HashMap<>();
        String[] distributors = rows.stream().map(r -> r.as(Target.class).distributorCode()).distinct()
                .toArray(String[]::new);
        jdbc.query("SELECT distributor_code, period, target_amount FROM target WHERE distributor_code = ANY (?)", rs -> {
            current.put(rs.getString(1) + "|" + rs.getString(2), rs.getBigDecimal(3));
        }, (Object) distributors);
        for (ImportItem item : rows) {
            Target target = item.as(Target.class);
            String key = target.distributorCode() + "|" + target.period();
            BigDecimal before = current.get(key);
            if (before != null && before.compareTo(target.amount()) == 0) {
                tally.unchanged();
            } else if (closed.contains(target.period())) {
                tally.reject(item.row(), "quarter " + target.period() + " is closed");
            } else if (before == null) {
                jdbc.update("INSERT INTO target (distributor_code, period, target_amount, version, valid_from, import_id)"
                        + " VALUES (?, ?, ?, 1, now(), ?)", target.distributorCode(), target.period().toString(),
                        target.amount(), importId);
                current.put(key, target.amount());
                tally.accepted();
            } else {
                jdbc.update("""
                        INSERT INTO target_history (distributor_code, period, version, target_amount, valid_from,
                                                    valid_to, import_id)
                        SELECT distributor_code, period, version, target_amount, valid_from, now(), import_id
                          FROM target WHERE distributor_code = ? AND period = ?""",
                        target.distributorCode(), target.period().toString());
                jdbc.update("UPDATE target SET target_amount = ?, version = version + 1, valid_from = now(),"
                                + " import_id = ? WHERE distributor_code = ? AND period = ?",
                        target.amount(), importId, target.distributorCode(), target.period().toString());
                current.put(key, target.amount());
                tally.accepted();
            }
        }
    }
}

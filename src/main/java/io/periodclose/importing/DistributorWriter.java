package io.periodclose.importing;

import io.periodclose.importing.RowParsers.Distributor;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Distributors are master data: a changed row updates the record and the version it replaces is kept in
 * {@code distributor_history}. The currency is the one thing that cannot change: every amount already booked
 * for the distributor is in it.
 */
class DistributorWriter extends ImportWriter {

    private record Current(Distributor distributor, int version) {
    }

    DistributorWriter(JdbcTemplate jdbc, long importId) {
        super(jdbc, importId);
    }

    @Override
    protected void store(List<ImportItem> rows, Tally tally) {
        Map<String, Current> current = new HashMap<>();
        String[] codes = rows.stream().map(r -> r.as(Distributor.class).code()).distinct().toArray(String[]::new);
        jdbc.query("SELECT code, name, tier, currency, email, region, version FROM distributor WHERE code = ANY (?)",
                rs -> {
                    current.put(rs.getString(1), new Current(new Distributor(rs.getString(1), rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)), rs.getInt(7)));
                }, (Object) codes);
        for (ImportItem item : rows) {
            Distributor row = item.as(Distributor.class);
            Current before = current.get(row.code());
            if (before == null) {
                jdbc.update("INSERT INTO distributor (code, name, tier, currency, email, region, version, valid_from,"
                                + " import_id) VALUES (?, ?, ?, ?, ?, ?, 1, now(), ?)",
                        row.code(), row.name(), row.tier(), row.currency(), row.email(), row.region(), importId);
                current.put(row.code(), new Current(row, 1));
                tally.accepted();
            } else if (before.distributor().equals(row)) {
                tally.unchanged();
            } else if (!before.distributor().currency().equals(row.currency())) {
                tally.reject(item.row(), "currency cannot change from " + before.distributor().currency()
                        + " to " + row.currency() + ": amounts are already booked in it");
            } else {
                jdbc.update("""
                        INSERT INTO distributor_history (code, version, name, tier, currency, email, region, valid_from,
                                                         valid_to, import_id)
                        SELECT code, version, name, tier, currency, email, region, valid_from, now(), import_id
                          FROM distributor WHERE code = ?""", row.code());
                jdbc.update("UPDATE distributor SET name = ?, tier = ?, email = ?, region = ?, version = version + 1,"
                                + " valid_from = now(), import_id = ? WHERE code = ?",
                        row.name(), row.tier(), row.email(), row.region(), importId, row.code());
                current.put(row.code(), new Current(row, before.version() + 1));
                tally.accepted();
            }
        }
    }
}

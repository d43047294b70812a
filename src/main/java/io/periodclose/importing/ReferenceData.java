package io.periodclose.importing;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.HashMap;
import java.util.Map;

/** What row checks look up: each known distributor's currency. Loaded once per import step, not per row. */
final class ReferenceData {

    private final Map<String, String> currencyByDistributor;

    private ReferenceData(Map<String, String> currencyByDistributor) {
        this.currencyByDistributor = currencyByDistributor;
    }

    static ReferenceData load(JdbcTemplate jdbc) {
        Map<String, String> currencies = new HashMap<>();
        jdbc.query("SELECT code, currency FROM distributor", rs -> {
            currencies.put(rs.getString(1), rs.getString(2));
        });
        return new ReferenceData(currencies);
    }

    static ReferenceData of(Map<String, String> currencyByDistributor) {
        return new ReferenceData(new HashMap<>(currencyByDistributor)); // a HashMap, as load() gives
    }

    String currencyOf(String distributor) {
        return currencyByDistributor.get(distributor);
    }
}

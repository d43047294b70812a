package io.periodclose.importing;

import io.periodclose.money.Currencies;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Currency;
import java.util.HashMap;
import java.util.Map;

/** What row checks look up: each known distributor's currency. Loaded once per import step, not per row. */
final class ReferenceData {

    /**
     * A distributor's currency and, looked up once per currency rather than per row, its minor digits; -1 when
     * {@link Currencies#lookup} does not know the code.
     */
    record DistributorsCurrency(String code, int minorDigits) {
    }

    private final Map<String, DistributorsCurrency> currencyByDistributor;

    private ReferenceData(Map<String, String> currencyByDistributor) {
        Map<String, DistributorsCurrency> currencies = new HashMap<>();
        Map<String, DistributorsCurrency> byDistributor = new HashMap<>();
        currencyByDistributor.forEach((distributor, code) -> byDistributor.put(distributor,
                code == null ? null : currencies.computeIfAbsent(code, c -> new DistributorsCurrency(c,
                        Currencies.lookup(c).map(Currency::getDefaultFractionDigits).orElse(-1)))));
        this.currencyByDistributor = byDistributor;
    }

    static ReferenceData load(JdbcTemplate jdbc) {
        Map<String, String> currencies = new HashMap<>();
        jdbc.query("SELECT code, currency FROM distributor", rs -> {
            currencies.put(rs.getString(1), rs.getString(2));
        });
        return new ReferenceData(currencies);
    }

    static ReferenceData of(Map<String, String> currencyByDistributor) {
        return new ReferenceData(currencyByDistributor);
    }

    /** The distributor's currency with its minor digits; null for an unknown distributor. */
    DistributorsCurrency distributorsCurrency(String distributor) {
        return currencyByDistributor.get(distributor);
    }
}

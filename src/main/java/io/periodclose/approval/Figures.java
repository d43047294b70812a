package io.periodclose.approval;

import java.math.BigDecimal;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A run's calculated figures as approved: the SHA-256 over its rows in a canonical order ({@link CalculatedFigures}),
 * how many rows, and the totals per currency (with the currency's minor digits).
 */
public record Figures(String sha256, int rows, SortedMap<String, BigDecimal> totals) {

    public Figures {
        totals = new TreeMap<>(totals);
    }

    public static Figures of(String sha256, int rows, Map<String, BigDecimal> totals) {
        return new Figures(sha256, rows, new TreeMap<>(totals));
    }
}

package io.periodclose.turnover;

import io.periodclose.period.Quarter;
import io.periodclose.program.BonusProgram;
import io.periodclose.program.Promo;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The one aggregate that feeds a close: per distributor of the master data, the quarter's net turnover, the same
 * quarter last year's, each promo's product-line turnover inside both its window and the quarter, and the payments
 * that earn the early-payment rebate — computed
 * by PostgreSQL in a single pass over the two quarters' sales lines, with the tier and target valid now.
 */
record TurnoverQuery(String sql, Object[] arguments) {

    /**
     * E of SPEC §8.3: the quarter's payments of an invoice paid on or before its due date minus the programme's days
     * ({@code due_date >= paid_date + days}). The due date is the same on every line of an invoice (the import
     * rejects a line that differs), so one matching line is enough. The last condition follows from the others (paid
     * inside the quarter, so on or after its first day): it changes no result, but lets PostgreSQL leave out of the
     * semi-join's hash every invoice due before the quarter began, about half of the two years' lines.
     */
    private static final String EARLY_PAID = """

              LEFT JOIN (
                    SELECT p.distributor_code, sum(p.amount) AS early_paid
                      FROM payment p
                     WHERE p.paid_date BETWEEN ? AND ?
                       AND EXISTS (SELECT 1 FROM sales_line i
                                    WHERE i.document_no = p.document_no AND i.distributor_code = p.distributor_code
                                      AND i.document_type = 'INVOICE' AND i.due_date >= p.paid_date + ?::int
                                      AND i.due_date >= ?)
                     GROUP BY p.distributor_code) e ON e.distributor_code = d.code""";

    static TurnoverQuery of(BonusProgram program, Quarter quarter) {
        Quarter lastYear = quarter.sameQuarterLastYear();
        List<Object> arguments = new ArrayList<>();
        StringBuilder promoColumns = new StringBuilder();
        StringBuilder promoArray = new StringBuilder();
        int index = 0;
        for (Promo promo : program.promos()) {
            LocalDate from = max(promo.from(), quarter.firstDay());
            LocalDate to = min(promo.to(), quarter.lastDay());
            promoColumns.append(",\n sum(signed) FILTER (WHERE product_line = ? AND document_date BETWEEN ? AND ?) AS promo")
                    .append(index);
            arguments.add(promo.productLine());
            arguments.add(Date.valueOf(from));
            arguments.add(Date.valueOf(to)); // an empty window (from > to) matches nothing
            promoArray.append(promoArray.isEmpty() ? "" : ", ").append("coalesce(s.promo").append(index).append(", 0)");
            index++;
        }
        List<Object> all = new ArrayList<>();
        all.add(Date.valueOf(quarter.firstDay()));
        all.add(Date.valueOf(quarter.lastDay()));
        all.add(Date.valueOf(lastYear.firstDay()));
        all.add(Date.valueOf(lastYear.lastDay()));
        all.addAll(arguments);
        all.add(Date.valueOf(quarter.firstDay()));
        all.add(Date.valueOf(quarter.lastDay()));
        all.add(Date.valueOf(lastYear.firstDay()));
        all.add(Date.valueOf(lastYear.lastDay()));
        all.add(quarter.toString());
        String earlyPaid = program.earlyPayment().map(rule -> {
            all.add(Date.valueOf(quarter.firstDay()));
            all.add(Date.valueOf(quarter.lastDay()));
            all.add(rule.days());
            all.add(Date.valueOf(quarter.firstDay().plusDays(rule.days())));
            return EARLY_PAID;
        }).orElse("");
        String sql = """
                SELECT d.code, d.currency, d.tier, t.target_amount,
                       coalesce(s.turnover, 0) AS turnover, coalesce(s.last_year, 0) AS last_year,
                       ARRAY[%s]::numeric[] AS promo, %s AS early_paid
                  FROM distributor d
                  LEFT JOIN (
                        SELECT distributor_code,
                               sum(signed) FILTER (WHERE document_date BETWEEN ? AND ?) AS turnover,
                               sum(signed) FILTER (WHERE document_date BETWEEN ? AND ?) AS last_year%s
                          FROM (SELECT distributor_code, document_date, product_line,
                                       CASE document_type WHEN 'INVOICE' THEN net_amount ELSE -net_amount END AS signed
                                  FROM sales_line
                                 WHERE document_date BETWEEN ? AND ? OR document_date BETWEEN ? AND ?) lines
                         GROUP BY distributor_code) s ON s.distributor_code = d.code
                  LEFT JOIN target t ON t.distributor_code = d.code AND t.period = ?%s""".formatted(promoArray,
                earlyPaid.isEmpty() ? "0" : "coalesce(e.early_paid, 0)", promoColumns, earlyPaid);
        return new TurnoverQuery(sql, all.toArray());
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}

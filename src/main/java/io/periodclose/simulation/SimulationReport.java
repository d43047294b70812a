package io.periodclose.simulation;

import io.periodclose.csv.SafeCsv;
import io.periodclose.money.Currencies;
import io.periodclose.program.BonusProgram;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a simulation shows (SPEC §9): the CSV per distributor, the totals per currency, how many distributors sit on
 * each attainment and growth rung under both programmes, and the cost per tier and per rung for the chart.
 * "Current" is the latest close's figures when the quarter is closed; for an open quarter the CSV's
 * {@code current_total} stays empty, while the summary shows the programme in force's calculation when there is one.
 */
@Service
public class SimulationReport {

    /** One currency's totals; {@code current} is null when there is nothing to compare with. */
    public record Total(String currency, BigDecimal current, BigDecimal simulated) {
        public BigDecimal difference() {
            return current == null ? null : simulated.subtract(current);
        }

        /** The three amounts as the reports print them (empty when there is no current total). */
        public List<String> shown() {
            return List.of(format(current, currency), format(simulated, currency), format(difference(), currency));
        }
    }

    /** How many distributors reached a rung ({@code from} null: none) of a ladder, under each programme. */
    public record RungCount(String ladder, BigDecimal from, long current, long simulated) {
        public String label() {
            return from == null ? "none" : from.stripTrailingZeros().toPlainString() + "%";
        }
    }

    /** The cost of one tier (its rebates' totals) or one rung (the attainment or growth components paid on it). */
    /**
     * @param label  the tier, or the ladder and the rung in English ({@code attainment 80%})
     * @param ladder {@code attainment} or {@code growth} for a rung, null for a tier
     * @param rung   the rung's {@code from} for a rung, null for a tier
     */
    public record Cost(String currency, String label, String ladder, BigDecimal rung, BigDecimal current,
                       BigDecimal simulated) {

        /** A tier's cost. */
        public Cost(String currency, String tier, BigDecimal current, BigDecimal simulated) {
            this(currency, tier, null, null, current, simulated);
        }
    }

    public record Summary(Simulation simulation, boolean compared, List<Total> totals, List<RungCount> rungs,
                          List<Cost> costs) {
    }

    private static final String ATTAINMENT = "attainment";
    private static final String GROWTH = "growth";

    private final JdbcTemplate jdbc;

    public SimulationReport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * {@code distributor_code,currency,turnover,current_total,simulated_total,difference}: one row per distributor
     * of the master data, sorted by code, amounts with the currency's minor digits; current_total and difference
     * are empty when the quarter is not closed (or the distributor was not in its close).
     */
    public void csv(Simulation simulation, Appendable out) {
        SafeCsv csv = SafeCsv.printer(out, "distributor_code", "currency", "turnover", "current_total",
                "simulated_total", "difference");
        jdbc.query("""
                SELECT d.code, d.currency, s.turnover, c.total, s.total
                  FROM distributor d
                  LEFT JOIN simulation_result s
                         ON s.simulation_id = ? AND s.side = 'DRAFT' AND s.distributor_code = d.code
                  LEFT JOIN simulation_result c
                         ON c.simulation_id = ? AND c.side = 'CURRENT' AND c.distributor_code = d.code
                         AND ?
                 ORDER BY d.code COLLATE "C\"""", rs -> {
            String currency = rs.getString(2);
            BigDecimal current = rs.getBigDecimal(4);
            BigDecimal simulated = rs.getBigDecimal(5);
            csv.record(rs.getString(1), currency, money(rs.getBigDecimal(3), currency), money(current, currency),
                    money(simulated, currency),
                    money(current == null || simulated == null ? null : simulated.subtract(current), currency));
        }, simulation.id(), simulation.id(), simulation.closed());
        csv.flush();
    }

    public Summary summary(Simulation simulation, SimulationPrograms programs) {
        boolean compared = simulation.closed() || simulation.currentProgramId() != null;
        Map<String, BigDecimal[]> totals = new TreeMap<>();
        jdbc.query("""
                SELECT currency, side, sum(total) FROM simulation_result WHERE simulation_id = ?
                 GROUP BY currency, side""", rs -> {
            totals.computeIfAbsent(rs.getString(1), c -> new BigDecimal[2])[index(rs.getString(2))] =
                    rs.getBigDecimal(3);
        }, simulation.id());
        List<Total> totalList = new ArrayList<>();
        totals.forEach((currency, sides) -> totalList.add(new Total(currency,
                compared ? round(orZero(sides[0]), currency) : null, round(orZero(sides[1]), currency))));

        List<RungCount> rungs = new ArrayList<>();
        rungs.addAll(rungCounts(simulation, ATTAINMENT, programs));
        rungs.addAll(rungCounts(simulation, GROWTH, programs));
        return new Summary(simulation, compared, totalList, rungs, costs(simulation));
    }

    /** Every rung of both programmes' ladder, and "none", with how many distributors reached it on each side. */
    private List<RungCount> rungCounts(Simulation simulation, String ladder, SimulationPrograms programs) {
        Map<BigDecimal, long[]> counts = new TreeMap<>(); // compareTo: 80 and 80.0 are one rung
        List<BonusProgram> both = new ArrayList<>();
        both.add(programs.draft());
        programs.current().ifPresent(both::add);
        for (BonusProgram program : both) {
            (ladder.equals(ATTAINMENT) ? program.attainment() : program.growth())
                    .forEach(rung -> counts.putIfAbsent(rung.from(), new long[2]));
        }
        long[] none = new long[2];
        jdbc.query("SELECT side, " + ladder + "_rung, count(*) FROM simulation_result WHERE simulation_id = ?"
                + " GROUP BY side, " + ladder + "_rung", rs -> {
            BigDecimal from = rs.getBigDecimal(2);
            long[] slot = from == null ? none : counts.computeIfAbsent(from, f -> new long[2]);
            slot[index(rs.getString(1))] += rs.getLong(3);
        }, simulation.id());
        List<RungCount> result = new ArrayList<>();
        result.add(new RungCount(ladder, null, none[0], none[1]));
        counts.forEach((from, n) -> result.add(new RungCount(ladder, from, n[0], n[1])));
        return result;
    }

    /** A row of the cost chart: a tier (ladder and rung null) or a rung of a ladder. */
    private record CostRow(String label, String ladder, BigDecimal rung) {
    }

    /** Per currency: the total of each tier, then the attainment and the growth paid on each rung. */
    private List<Cost> costs(Simulation simulation) {
        Map<String, Map<CostRow, BigDecimal[]>> byCurrency = new TreeMap<>();
        jdbc.query("""
                SELECT currency, side, 0 AS kind, tier AS label, NULL::numeric AS rung, sum(total)
                  FROM simulation_result WHERE simulation_id = ? GROUP BY currency, side, tier
                UNION ALL
                SELECT currency, side, 1, 'attainment', attainment_rung, sum(attainment)
                  FROM simulation_result WHERE simulation_id = ? AND attainment_rung IS NOT NULL
                 GROUP BY currency, side, attainment_rung
                UNION ALL
                SELECT currency, side, 2, 'growth', growth_rung, sum(growth)
                  FROM simulation_result WHERE simulation_id = ? AND growth_rung IS NOT NULL
                 GROUP BY currency, side, growth_rung
                 ORDER BY 1, 3, 5, 4""", rs -> {
            boolean tier = rs.getInt(3) == 0;
            String ladder = tier ? null : rs.getString(4);
            BigDecimal rung = tier ? null : rs.getBigDecimal(5).stripTrailingZeros();
            String label = tier ? rs.getString(4) : ladder + " " + rung.toPlainString() + "%";
            byCurrency.computeIfAbsent(rs.getString(1), c -> new LinkedHashMap<>())
                    .computeIfAbsent(new CostRow(label, ladder, rung), r -> new BigDecimal[2])[index(rs.getString(2))]
                    = rs.getBigDecimal(6);
        }, simulation.id(), simulation.id(), simulation.id());
        List<Cost> costs = new ArrayList<>();
        byCurrency.forEach((currency, rows) -> rows.forEach((row, sides) -> costs.add(new Cost(currency,
                row.label(), row.ladder(), row.rung(), round(orZero(sides[0]), currency),
                round(orZero(sides[1]), currency)))));
        return costs;
    }

    /** 0 for CURRENT, 1 for DRAFT: the order the report shows them in. */
    private static int index(String side) {
        return Side.valueOf(side) == Side.CURRENT ? 0 : 1;
    }

    private static BigDecimal orZero(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
    }

    private static BigDecimal round(BigDecimal amount, String currency) {
        return Currencies.round(amount, currency);
    }

    private static Object money(BigDecimal amount, String currency) {
        return amount == null ? "" : SafeCsv.number(Currencies.format(amount, currency));
    }

    /** The amount as the reports print it, e.g. {@code 1234.50} or JPY {@code 1235}. */
    public static String format(BigDecimal amount, String currency) {
        return amount == null ? "" : Currencies.format(amount, currency);
    }
}

package io.periodclose.rebate;

import io.periodclose.program.TopPerformers;
import io.periodclose.rebate.TurnoverFigures.GrowthPlace;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

/**
 * Ranks a set of turnovers with {@link TopPerformerRanking} so that each place is stored next to the distributor's
 * turnover, and the partitioned calculation reads it like any other figure: its partitions stay independent. The
 * close ranks its aggregate before storing it ({@link #placesOf}), inside the extract's transaction, so a restarted
 * extract ranks again from the same rows; the simulation ranks its stored rows ({@link #rank}).
 */
public class TopPerformerPlaces {

    private final JdbcTemplate jdbc;

    public TopPerformerPlaces(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Rows of figures with the columns of {@code turnover} (distributor_code, tier, turnover, turnover_last_year,
     * growth_place, ranked_in_tier): {@code table} and the condition, with its arguments, that selects one set of
     * them. Both are the program's own constants, never user input.
     */
    public record Figures(String table, String where, Object... arguments) {
    }

    /** Places as three parallel arrays (codes, places, numbers ranked), for {@code unnest(?::varchar[], ?::int[], ?::int[])}. */
    public record Places(String[] codes, Integer[] places, Integer[] ranked) {

        public static final Places NONE = new Places(new String[0], new Integer[0], new Integer[0]);

        static Places of(Map<String, GrowthPlace> places) {
            Places arrays = new Places(new String[places.size()], new Integer[places.size()],
                    new Integer[places.size()]);
            int i = 0;
            for (Map.Entry<String, GrowthPlace> e : places.entrySet()) {
                arrays.codes[i] = e.getKey();
                arrays.places[i] = e.getValue().place();
                arrays.ranked[i] = e.getValue().ranked();
                i++;
            }
            return arrays;
        }

        public int size() {
            return codes.length;
        }
    }

    /**
     * Ranks the rows of an aggregate not stored yet (the extract's temporary table): its columns {@code code},
     * {@code tier}, {@code turnover} and {@code last_year}. The extract then writes each place with its row, so no
     * stored row is updated.
     */
    public Places placesOf(String aggregate, TopPerformers rule) {
        return Places.of(TopPerformerRanking.rank(rule, jdbc.query("SELECT code, tier, turnover, last_year FROM "
                        + aggregate + " WHERE turnover > 0 AND last_year > 0",
                (rs, n) -> new TopPerformerRanking.Candidate(rs.getString(1), rs.getString(2), rs.getBigDecimal(3),
                        rs.getBigDecimal(4)))));
    }

    /** Ranks one set of figures (a close run's, a simulation's) and stores the places with them. */
    public int rank(Figures figures, TopPerformers rule) {
        List<TopPerformerRanking.Candidate> candidates = jdbc.query("SELECT distributor_code, tier, turnover,"
                        + " turnover_last_year FROM " + figures.table() + " WHERE " + figures.where()
                        + " AND turnover > 0 AND turnover_last_year > 0",
                (rs, n) -> new TopPerformerRanking.Candidate(rs.getString(1), rs.getString(2), rs.getBigDecimal(3),
                        rs.getBigDecimal(4)), figures.arguments());
        Places places = Places.of(TopPerformerRanking.rank(rule, candidates));
        if (places.size() == 0) {
            return 0;
        }
        List<Object> arguments = new java.util.ArrayList<>(List.of(places.codes(), places.places(), places.ranked()));
        arguments.addAll(java.util.Arrays.asList(figures.arguments()));
        jdbc.update("UPDATE " + figures.table() + " SET growth_place = p.place, ranked_in_tier = p.ranked"
                + " FROM unnest(?::varchar[], ?::int[], ?::int[]) AS p (code, place, ranked)"
                + " WHERE " + figures.where() + " AND distributor_code = p.code", arguments.toArray());
        return places.size();
    }
}

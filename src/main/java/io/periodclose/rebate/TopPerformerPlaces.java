package io.periodclose.rebate;

import io.periodclose.program.TopPerformers;
import io.periodclose.rebate.TurnoverFigures.GrowthPlace;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

/**
 * Ranks a close run's distributors with {@link TopPerformerRanking} and stores each place next to the distributor's
 * turnover, so that the partitioned calculation reads it like any other figure and its partitions stay independent.
 * Runs inside the extract's transaction: a restarted extract ranks again from the same rows.
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

        static Figures ofCloseRun(long closeRunId) {
            return new Figures("turnover", "close_run_id = ?", closeRunId);
        }
    }

    /** Returns how many distributors rank. */
    public int rank(long closeRunId, TopPerformers rule) {
        return rank(Figures.ofCloseRun(closeRunId), rule);
    }

    /** Ranks one set of figures (a close run's, a simulation's) and stores the places with them. */
    public int rank(Figures figures, TopPerformers rule) {
        List<TopPerformerRanking.Candidate> candidates = jdbc.query("SELECT distributor_code, tier, turnover,"
                        + " turnover_last_year FROM " + figures.table() + " WHERE " + figures.where()
                        + " AND turnover > 0 AND turnover_last_year > 0",
                (rs, n) -> new TopPerformerRanking.Candidate(rs.getString(1), rs.getString(2), rs.getBigDecimal(3),
                        rs.getBigDecimal(4)), figures.arguments());
        Map<String, GrowthPlace> places = TopPerformerRanking.rank(rule, candidates);
        if (places.isEmpty()) {
            return 0;
        }
        String[] codes = new String[places.size()];
        Integer[] place = new Integer[places.size()];
        Integer[] ranked = new Integer[places.size()];
        int i = 0;
        for (Map.Entry<String, GrowthPlace> e : places.entrySet()) {
            codes[i] = e.getKey();
            place[i] = e.getValue().place();
            ranked[i] = e.getValue().ranked();
            i++;
        }
        List<Object> arguments = new java.util.ArrayList<>(List.of(codes, place, ranked));
        arguments.addAll(java.util.Arrays.asList(figures.arguments()));
        jdbc.update("UPDATE " + figures.table() + " SET growth_place = p.place, ranked_in_tier = p.ranked"
                + " FROM unnest(?::varchar[], ?::int[], ?::int[]) AS p (code, place, ranked)"
                + " WHERE " + figures.where() + " AND distributor_code = p.code", arguments.toArray());
        return places.size();
    }
}

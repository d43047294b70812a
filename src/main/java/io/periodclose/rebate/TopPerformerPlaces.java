package io.periodclose.rebate;

import io.periodclose.program.TopPerformers;
import io.periodclose.rebate.TurnoverFigures.GrowthPlace;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;

/**
 * Ranks the distributors of an extract's aggregate with {@link TopPerformerRanking} and writes each place next to
 * the distributor's turnover, before the close, the simulation or the portal's estimate copy the rows: the
 * partitioned calculation then reads a place like any other figure, and its partitions stay independent. Runs in
 * the aggregate's transaction, so a restarted extract ranks again from the same rows.
 */
public class TopPerformerPlaces {

    private final JdbcTemplate jdbc;

    public TopPerformerPlaces(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Ranks the rows of an aggregate (the extract's temporary table, {@code TurnoverExtract.AGGREGATE}: columns
     * {@code code}, {@code tier}, {@code turnover}, {@code last_year}) and writes each place into its
     * {@code growth_place} and {@code ranked_in_tier}. Returns how many distributors rank.
     */
    public int rankAggregate(String aggregate, TopPerformers rule) {
        Map<String, GrowthPlace> places = TopPerformerRanking.rank(rule, jdbc.query(
                "SELECT code, tier, turnover, last_year FROM " + aggregate + " WHERE turnover > 0 AND last_year > 0",
                (rs, n) -> new TopPerformerRanking.Candidate(rs.getString(1), rs.getString(2), rs.getBigDecimal(3),
                        rs.getBigDecimal(4))));
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
        jdbc.update("UPDATE " + aggregate + " SET growth_place = p.place, ranked_in_tier = p.ranked"
                + " FROM unnest(?::varchar[], ?::int[], ?::int[]) AS p (code, place, ranked)"
                + " WHERE " + aggregate + ".code = p.code", codes, place, ranked);
        return places.size();
    }
}

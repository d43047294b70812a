package io.periodclose.turnover;

import io.periodclose.period.Quarter;
import io.periodclose.rebate.TurnoverFigures;
import org.springframework.jdbc.core.RowMapper;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Reads turnover figures from a row of (code, currency, tier, target, turnover, last year's, promo turnover[],
 * early paid, growth place, ranked in tier): the shape the calculation reads from the {@code turnover} table.
 */
public final class TurnoverRows {

    private TurnoverRows() {
    }

    public static RowMapper<TurnoverFigures> mapper(Quarter quarter) {
        return (rs, n) -> new TurnoverFigures(rs.getString(1), quarter, rs.getString(2), rs.getString(3),
                rs.getBigDecimal(5), rs.getBigDecimal(4), rs.getBigDecimal(6),
                Arrays.asList((BigDecimal[]) rs.getArray(7).getArray()), rs.getBigDecimal(8),
                place(rs.getObject(9, Integer.class), rs.getObject(10, Integer.class)));
    }

    private static TurnoverFigures.GrowthPlace place(Integer place, Integer ranked) {
        return place == null ? null : new TurnoverFigures.GrowthPlace(place, ranked);
    }
}

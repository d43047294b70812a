package io.periodclose.turnover;

import io.periodclose.period.Quarter;
import io.periodclose.rebate.TurnoverFigures;
import org.springframework.jdbc.core.RowMapper;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Reads turnover figures from a row of (code, currency, tier, target, turnover, last year's, promo turnover[]):
 * the shape of both the extract query and the {@code turnover} table.
 */
public final class TurnoverRows {

    private TurnoverRows() {
    }

    public static RowMapper<TurnoverFigures> mapper(Quarter quarter) {
        return (rs, n) -> new TurnoverFigures(rs.getString(1), quarter, rs.getString(2), rs.getString(3),
                rs.getBigDecimal(5), rs.getBigDecimal(4), rs.getBigDecimal(6),
                Arrays.asList((BigDecimal[]) rs.getArray(7).getArray()));
    }
}

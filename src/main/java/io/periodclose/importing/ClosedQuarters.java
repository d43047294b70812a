package io.periodclose.importing;

import io.periodclose.period.Quarter;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.HashSet;
import java.util.Set;

final class ClosedQuarters {

    private ClosedQuarters() {
    }

    static Set<Quarter> load(JdbcTemplate jdbc) {
        Set<Quarter> closed = new HashSet<>();
        jdbc.query("SELECT period FROM period_close",
                rs -> {
                    closed.add(Quarter.parse(rs.getString(1)));
                });
        return closed;
    }
}

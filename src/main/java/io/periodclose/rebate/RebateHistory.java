package io.periodclose.rebate;

import io.periodclose.money.Currencies;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One distributor's calculated rebates, every close and re-close of every quarter, with each component as the
 * calculation explained it: the answer to "why this figure".
 */
@Repository
public class RebateHistory {

    public record QuarterRebate(String period, int sequence, LocalDate businessDate, String currency,
                                String turnover, String target, String total, boolean capApplied, String cap,
                                List<Component> components) {
    }

    public record Component(String kind, String amount, String base, String rate, String percent,
                            String explanation) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;

    public RebateHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<QuarterRebate> of(String distributor) {
        return jdbc.query("""
                SELECT c.period, c.sequence, c.business_date, r.currency, r.turnover, r.target_amount, r.total,
                       r.cap_applied, r.cap_amount, r.explanation::text
                  FROM rebate r JOIN close_run c ON c.id = r.close_run_id
                 WHERE r.distributor_code = ?
                 ORDER BY c.period DESC, c.sequence DESC""", (rs, n) -> {
            String currency = rs.getString(4);
            return new QuarterRebate(rs.getString(1), rs.getInt(2), rs.getObject(3, LocalDate.class), currency,
                    money(rs.getBigDecimal(5), currency), money(rs.getBigDecimal(6), currency),
                    money(rs.getBigDecimal(7), currency), rs.getBoolean(8), money(rs.getBigDecimal(9), currency),
                    components(rs.getString(10), currency));
        }, distributor);
    }

    private static List<Component> components(String explanation, String currency) {
        List<Component> components = new ArrayList<>();
        for (JsonNode c : JSON.readTree(explanation).path("components")) {
            components.add(new Component(c.path("kind").asString(""), money(decimal(c.path("amount")), currency),
                    money(decimal(c.path("base")), currency), text(c.path("rate")), text(c.path("percent")),
                    c.path("explanation").asString("")));
        }
        return components;
    }

    private static BigDecimal decimal(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : new BigDecimal(node.asString());
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? "" : node.asString();
    }

    private static String money(BigDecimal amount, String currency) {
        return amount == null ? "" : Currencies.format(amount, currency);
    }
}

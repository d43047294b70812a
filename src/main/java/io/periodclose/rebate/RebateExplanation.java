package io.periodclose.rebate;

import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A calculation as JSON, stored with its figures so finance can answer "why this figure" line by line. */
public final class RebateExplanation {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RebateExplanation() {
    }

    public static String toJson(RebateCalculation calculation) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("program", calculation.programId());
        root.put("turnover", plain(calculation.figures().turnover()));
        root.put("target", plain(calculation.figures().target()));
        root.put("lastYearTurnover", plain(calculation.figures().lastYearTurnover()));
        root.put("noPositiveTurnover", calculation.noPositiveTurnover());
        List<Map<String, Object>> components = new ArrayList<>();
        for (RebateComponent component : calculation.components()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("kind", component.kind().name());
            c.put("amount", plain(component.amount()));
            c.put("base", plain(component.base()));
            c.put("rate", plain(component.rate()));
            c.put("rungFrom", component.rung() == null ? null : plain(component.rung().from()));
            c.put("percent", plain(component.percent()));
            if (component.promo() != null) {
                c.put("productLine", component.promo().productLine());
                c.put("promoFrom", component.promo().from().toString());
                c.put("promoTo", component.promo().to().toString());
            }
            if (component.days() != null) {
                c.put("days", component.days());
            }
            if (component.place() != null) {
                c.put("place", component.place().place());
                c.put("ranked", component.place().ranked());
            }
            c.put("explanation", component.explanation());
            components.add(c);
        }
        root.put("components", components);
        root.put("uncapped", plain(calculation.uncapped()));
        root.put("capRate", plain(calculation.capRate()));
        root.put("capAmount", plain(calculation.capAmount()));
        root.put("capApplied", calculation.capApplied());
        root.put("total", plain(calculation.total()));
        if (calculation.nextRung() != null) {
            root.put("nextRungFrom", plain(calculation.nextRung().rung().from()));
            root.put("nextRungRate", plain(calculation.nextRung().rung().rate()));
            root.put("turnoverNeeded", plain(calculation.nextRung().turnoverNeeded()));
        }
        return JSON.writeValueAsString(root);
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}

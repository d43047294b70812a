package io.periodclose.rebate;

import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * The explanation of one calculation written on its own, the reference the stored and streamed ones are held to; and
 * the same document written by Jackson's generator field by field, the reference {@link JsonBytes} is held to.
 */
final class Explanations {

    private Explanations() {
    }

    static byte[] alone(RebateCalculation calculation) {
        return RebateExplanation.of(calculation);
    }

    static String aloneAsText(RebateCalculation calculation) {
        return new String(alone(calculation), StandardCharsets.UTF_8);
    }

    /** What Jackson's default generator writes for the explanation's fields, in the same order. */
    static byte[] byJackson(RebateCalculation calculation) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = new JsonFactory().createGenerator(ObjectWriteContext.empty(), out,
                JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringProperty("program", calculation.programId());
            decimal(json, "turnover", calculation.figures().turnover());
            decimal(json, "target", calculation.figures().target());
            decimal(json, "lastYearTurnover", calculation.figures().lastYearTurnover());
            json.writeBooleanProperty("noPositiveTurnover", calculation.noPositiveTurnover());
            json.writeArrayPropertyStart("components");
            for (RebateComponent component : calculation.components()) {
                json.writeStartObject();
                json.writeStringProperty("kind", component.kind().name());
                decimal(json, "amount", component.amount());
                decimal(json, "base", component.base());
                decimal(json, "rate", component.rate());
                decimal(json, "rungFrom", component.rung() == null ? null : component.rung().from());
                decimal(json, "percent", component.percent());
                if (component.promo() != null) {
                    json.writeStringProperty("productLine", component.promo().productLine());
                    json.writeStringProperty("promoFrom", component.promo().from().toString());
                    json.writeStringProperty("promoTo", component.promo().to().toString());
                }
                if (component.days() != null) {
                    json.writeNumberProperty("days", component.days().intValue());
                }
                if (component.place() != null) {
                    json.writeNumberProperty("place", component.place().place());
                    json.writeNumberProperty("ranked", component.place().ranked());
                }
                json.writeStringProperty("explanation", component.explanation());
                json.writeEndObject();
            }
            json.writeEndArray();
            decimal(json, "uncapped", calculation.uncapped());
            decimal(json, "capRate", calculation.capRate());
            decimal(json, "capAmount", calculation.capAmount());
            json.writeBooleanProperty("capApplied", calculation.capApplied());
            decimal(json, "total", calculation.total());
            if (calculation.nextRung() != null) {
                decimal(json, "nextRungFrom", calculation.nextRung().rung().from());
                decimal(json, "nextRungRate", calculation.nextRung().rung().rate());
                decimal(json, "turnoverNeeded", calculation.nextRung().turnoverNeeded());
            }
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void decimal(JsonGenerator json, String name, BigDecimal value) {
        if (value == null) {
            json.writeNullProperty(name);
        } else {
            json.writeStringProperty(name, value.toPlainString());
        }
    }
}

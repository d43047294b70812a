package io.periodclose.rebate;

import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;

/** A calculation as JSON, stored with its figures so finance can answer "why this figure" line by line. */
public final class RebateExplanation {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RebateExplanation() {
    }

    /**
     * The JSON in UTF-8, as {@code COPY} sends it: generated as bytes, never as a {@code String} first, and field by
     * field with a streaming generator, not through a map of maps: a close writes one per distributor, in a JVM that
     * has usually not compiled this code yet, so the fewer objects the better.
     */
    public static byte[] toUtf8(RebateCalculation calculation) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1536);
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
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

    /** Decimals as strings of their plain digits, so no reader turns them into binary floating point. */
    private static void decimal(JsonGenerator json, String name, BigDecimal value) {
        if (value == null) {
            json.writeNullProperty(name);
        } else {
            json.writeStringProperty(name, value.toPlainString());
        }
    }
}

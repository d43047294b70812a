package io.periodclose.rebate;

import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

import java.io.OutputStream;
import java.math.BigDecimal;

/** A calculation as JSON, stored with its figures so finance can answer "why this figure" line by line. */
public final class RebateExplanation {

    /** Nothing between two explanations written by one generator: each is a field of its own. */
    private static final JsonFactory JSON = JsonFactory.builder().rootValueSeparator((String) null).build();

    private RebateExplanation() {
    }

    /**
     * A generator for {@link #write}: a writer of a chunk's explanations creates one and writes them all through it,
     * one after another and with nothing in between, instead of a generator, a buffer and an array per explanation.
     * A close writes one per distributor, usually before the JVM has compiled this code, so the fewer objects the
     * better.
     */
    public static JsonGenerator generator(OutputStream out) {
        return JSON.createGenerator(ObjectWriteContext.empty(), out, JsonEncoding.UTF8);
    }

    /**
     * Writes the explanation of {@code calculation} through {@code json} field by field, with the streaming
     * generator rather than through a map of maps, and flushes it: when this returns, all of it is in the generator's
     * stream.
     */
    public static void write(JsonGenerator json, RebateCalculation calculation) {
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
        json.flush();
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

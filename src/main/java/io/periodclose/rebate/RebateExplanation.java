package io.periodclose.rebate;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** A calculation as JSON, stored with its figures so finance can answer "why this figure" line by line. */
public final class RebateExplanation {

    private final JsonBytes json = new JsonBytes();

    /**
     * One per writer of a chunk (not shared between threads): it writes each explanation into the same reused
     * buffer, instead of a generator, a buffer and an array per explanation. A close writes one per distributor,
     * usually before the JVM has compiled this code, so the fewer objects and calls the better.
     */
    public RebateExplanation() {
    }

    /**
     * Writes the explanation of {@code calculation} to {@code out} in one call: compact JSON in UTF-8, decimals as
     * strings of their plain digits, so no reader turns them into binary floating point.
     */
    public void write(OutputStream out, RebateCalculation calculation) throws IOException {
        JsonBytes json = encode(calculation);
        out.write(json.bytes(), 0, json.length());
    }

    /** The explanation of {@code calculation} on its own. */
    public static byte[] of(RebateCalculation calculation) {
        JsonBytes json = new RebateExplanation().encode(calculation);
        return Arrays.copyOf(json.bytes(), json.length());
    }

    private JsonBytes encode(RebateCalculation calculation) {
        JsonBytes json = this.json.reset();
        json.startObject()
                .string("program", calculation.programId())
                .decimal("turnover", calculation.figures().turnover())
                .decimal("target", calculation.figures().target())
                .decimal("lastYearTurnover", calculation.figures().lastYearTurnover())
                .bool("noPositiveTurnover", calculation.noPositiveTurnover())
                .startArray("components");
        for (RebateComponent component : calculation.components()) {
            json.startObject()
                    .string("kind", component.kind().name())
                    .decimal("amount", component.amount())
                    .decimal("base", component.base())
                    .decimal("rate", component.rate())
                    .decimal("rungFrom", component.rung() == null ? null : component.rung().from())
                    .decimal("percent", component.percent());
            if (component.promo() != null) {
                json.string("productLine", component.promo().productLine())
                        .string("promoFrom", component.promo().from().toString())
                        .string("promoTo", component.promo().to().toString());
            }
            if (component.days() != null) {
                json.number("days", component.days());
            }
            if (component.place() != null) {
                json.number("place", component.place().place())
                        .number("ranked", component.place().ranked());
            }
            json.string("explanation", component.explanation())
                    .endObject();
        }
        json.endArray()
                .decimal("uncapped", calculation.uncapped())
                .decimal("capRate", calculation.capRate())
                .decimal("capAmount", calculation.capAmount())
                .bool("capApplied", calculation.capApplied())
                .decimal("total", calculation.total());
        if (calculation.nextRung() != null) {
            json.decimal("nextRungFrom", calculation.nextRung().rung().from())
                    .decimal("nextRungRate", calculation.nextRung().rung().rate())
                    .decimal("turnoverNeeded", calculation.nextRung().turnoverNeeded());
        }
        return json.endObject();
    }
}

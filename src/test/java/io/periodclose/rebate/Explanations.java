package io.periodclose.rebate;

import tools.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The explanation of one calculation written on its own, the reference the stored and streamed ones are held to. */
final class Explanations {

    private Explanations() {
    }

    static byte[] alone(RebateCalculation calculation) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = RebateExplanation.generator(out)) {
            RebateExplanation.write(json, calculation);
        }
        return out.toByteArray();
    }

    static String aloneAsText(RebateCalculation calculation) {
        return new String(alone(calculation), StandardCharsets.UTF_8);
    }
}

package io.periodclose.program;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A programme together with exactly what it was read from, so that a close can store the copy it used and its
 * hash. {@code text} is the file decoded strictly as UTF-8, hence {@link #bytes()} gives back the very bytes
 * that {@code sha256} (lower-case hex) was computed over.
 */
public record LoadedProgram(BonusProgram program, String source, String text, String sha256) {

    public LoadedProgram {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sha256, "sha256");
    }

    public byte[] bytes() {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

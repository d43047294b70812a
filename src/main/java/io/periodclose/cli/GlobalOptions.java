package io.periodclose.cli;

import java.nio.file.Path;

/** The options given before the command: {@code --home}, {@code --programs}, {@code --out}, {@code --lang}. */
public record GlobalOptions(Path home, Path programs, Path out, String language) {

    public GlobalOptions(Path home, Path programs, Path out) {
        this(home, programs, out, "ru");
    }
}

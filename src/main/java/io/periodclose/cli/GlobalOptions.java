package io.periodclose.cli;

import java.nio.file.Path;

/** The options given before the command: {@code --home}, {@code --programs}, {@code --out}. */
public record GlobalOptions(Path home, Path programs, Path out) {
}

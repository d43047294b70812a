package io.periodclose.ops;

import io.periodclose.PeriodCloseProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.nio.file.Path;

/**
 * The exact commands an admin types to act on an execution, printed wherever a run fails or is interrupted:
 * with the same jar, home, programmes and output folder as the process that prints them.
 */
@Component
public class Commands {

    private final String base;

    public Commands(PeriodCloseProperties properties, Environment environment) {
        StringBuilder command = new StringBuilder(launcher());
        if (environment.getProperty("period-close.embedded", Boolean.class, false)) {
            command.append(" --home ").append(quote(properties.home().toAbsolutePath().normalize()));
        }
        command.append(" --programs ").append(quote(properties.programs().toAbsolutePath().normalize()));
        command.append(" --out ").append(quote(properties.out().toAbsolutePath().normalize()));
        this.base = command.toString();
    }

    public String restart(long executionId) {
        return base + " jobs restart " + executionId;
    }

    public String stop(long executionId) {
        return base + " jobs stop " + executionId;
    }

    public String abandon(long executionId) {
        return base + " jobs abandon " + executionId;
    }

    public String approve(String period) {
        return base + " approve --period " + period + " --by NAME";
    }

    public String reject(String period) {
        return base + " reject --period " + period + " --by NAME --reason TEXT";
    }

    public String show(long executionId) {
        return base + " jobs show " + executionId;
    }

    private static String launcher() {
        try {
            // inside the executable jar the code source reads like jar:nested:/path/period-close.jar/!BOOT-INF/...
            String text = java.net.URLDecoder.decode(
                    Commands.class.getProtectionDomain().getCodeSource().getLocation().toString(),
                    java.nio.charset.StandardCharsets.UTF_8);
            int jar = text.indexOf(".jar");
            int start = text.indexOf('/');
            if (jar > 0 && start >= 0 && start < jar) {
                return "java -jar " + quote(Path.of(text.substring(start, jar + 4)));
            }
        } catch (RuntimeException ignored) {
            // fall through to the plain name
        }
        return "period-close";
    }

    private static String quote(Path path) {
        String text = path.toString();
        return text.matches("[A-Za-z0-9_./:@%+=,-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
    }
}

package io.periodclose.approval;

import io.periodclose.BadInputException;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code period-close.approval}: {@code required} makes a close, a re-close and a year-end with an annual rebate to
 * post stop for approval before posting (SPEC §9); {@code none} (the default) posts at once. Read when a run reaches
 * its approval gate, not at start-up, so the setting in force is the one of the launch that calculated the figures.
 * Whether a run that already stopped needs an approval is then the run's own fact (its approval row), whatever the
 * setting says later.
 */
@Component
public class ApprovalPolicy {

    public static final String PROPERTY = "period-close.approval";

    private final Environment environment;

    public ApprovalPolicy(Environment environment) {
        this.environment = environment;
    }

    public boolean required() {
        String value = environment.getProperty(PROPERTY, "none").trim();
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "required" -> true;
            case "none", "" -> false;
            default -> throw new BadInputException(PROPERTY + " must be required or none, not '" + value + "'");
        };
    }
}

package io.periodclose.period;

import io.periodclose.BadInputException;

import java.util.Locale;

/** Where the partitioned steps run: {@code local} threads, or {@code remote} worker processes. */
public enum PartitioningMode {
    LOCAL, REMOTE;

    public static PartitioningMode parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new BadInputException("period-close.partitioning (PERIOD_CLOSE_PARTITIONING) must be local or remote, not '"
                    + value + "'");
        }
    }

    /** The mode this process was started in, from the system property or the environment. */
    public static PartitioningMode configured() {
        String value = System.getProperty("period-close.partitioning");
        if (value == null) {
            value = System.getenv("PERIOD_CLOSE_PARTITIONING");
        }
        return value == null || value.isBlank() ? LOCAL : parse(value);
    }
}

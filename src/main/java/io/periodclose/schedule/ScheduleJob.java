package io.periodclose.schedule;

import java.util.Arrays;
import java.util.Optional;

/** What a schedule launches, as written in {@code jobs/schedule.yml}. */
public enum ScheduleJob {

    /** Closes the latest ended quarter as of the day the schedule fires. */
    CLOSE("close", "closes the latest ended quarter"),
    /** Expires the bonuses of the year before the one the schedule fires in. */
    EXPIRE("expire", "runs the year-end expiry of the previous year");

    private final String key;
    private final String description;

    ScheduleJob(String key, String description) {
        this.key = key;
        this.description = description;
    }

    /** The word used in the file: {@code close} or {@code expire}. */
    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    public static Optional<ScheduleJob> ofKey(String key) {
        return Arrays.stream(values()).filter(job -> job.key.equals(key)).findFirst();
    }

    @Override
    public String toString() {
        return key;
    }
}

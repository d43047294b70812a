package io.periodclose.period;

/**
 * The names of the job parameters of the close and of the year-end expiry, said once: the services that launch the
 * jobs, the steps that read them (SpEL in {@code @Value} concatenates these constants) and the restart rules.
 */
public final class CloseJobParameters {

    /** Identifying: the quarter ({@code 2026-Q1}) of a close, the year ({@code 2025}) of an expiry. */
    public static final String PERIOD = "period";
    /** Identifying, close only: 0 for the close, 1, 2, … for its re-closes. */
    public static final String SEQUENCE = "sequence";
    /** Identifying, expiry only: the year whose balances lapse. */
    public static final String YEAR = "year";
    /** The id of the {@code close_run} row the close works on. */
    public static final String CLOSE_RUN = "close.run";
    /** The date the entries of a re-close are effective on, the issue date of the annual statements. */
    public static final String BUSINESS_DATE = "business.date";
    /** The directory the statements are written under. */
    public static final String OUT = "out";
    /** The language tag of the statements ({@code ru}, {@code en}). */
    public static final String LANGUAGE = "language";
    /** Non-identifying: who launched the run (SPEC §9: the one who launched a close cannot approve it). */
    public static final String LAUNCHED_BY = "launched.by";
    /**
     * Identifying, on a year-end only once one of the year was rejected (SPEC §9): the count of rejected attempts,
     * so that the year can run again as a new job instance.
     */
    public static final String ATTEMPT = "attempt";
    /** The language of the statements when the parameter is missing (executions launched by earlier releases). */
    public static final String DEFAULT_LANGUAGE = "ru";

    private CloseJobParameters() {
    }
}

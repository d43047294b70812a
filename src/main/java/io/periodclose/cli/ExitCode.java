package io.periodclose.cli;

/** The exit codes of SPEC §7, the only ones the command line returns. */
public final class ExitCode {
    public static final int DONE = 0;
    public static final int JOB_FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int REFUSED = 3;
    /** The job stopped to wait for a person's approval (SPEC §9). */
    public static final int AWAITING_APPROVAL = 4;

    private ExitCode() {
    }
}

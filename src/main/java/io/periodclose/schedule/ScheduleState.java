package io.periodclose.schedule;

/** Where a schedule stands in the shared scheduler. */
public enum ScheduleState {
    /** Fires at its next fire time. */
    NORMAL,
    /** Paused from the interface or the file: does not fire until resumed (a trigger-now still runs). */
    PAUSED,
    /** Quartz could not fire it (its job could not be loaded); see the log. */
    ERROR,
    /** This process runs no scheduler: it is a command, not {@code serve}. */
    DISABLED
}

package io.periodclose.delivery;

/**
 * A distributor's latest statement of a period that a send is about to deliver, to the address the master data
 * holds now; {@code kind} is what the message says it is (the first, a correction, or a resend).
 */
public record StatementToSend(String period, String distributor, String name, String address, int version,
                              String file, String sha256, Kind kind) {

    public enum Kind { STATEMENT, CORRECTION, RESEND }
}

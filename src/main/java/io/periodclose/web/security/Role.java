package io.periodclose.web.security;

/**
 * What a user of {@code serve} may do. ADMIN includes OPERATOR, which includes FINANCE (see the role hierarchy in
 * {@link SecurityConfiguration}); DISTRIBUTOR stands apart.
 */
public enum Role {
    /**
     * Reads everything, downloads statements, approves or rejects figures that wait for approval (SPEC §9; never
     * those of a run the same user launched).
     */
    FINANCE,
    /** Also launches closes and year-ends, pauses, resumes and triggers schedules. */
    OPERATOR,
    /** Also restarts, stops and abandons executions, reads the audit trail. */
    ADMIN,
    /**
     * A distributor's own people: bound to one distributor code (users file {@code distributor}), they see that
     * distributor's portal under {@code /portal} and nothing else: outside the hierarchy above, never combined with
     * another role.
     */
    DISTRIBUTOR
}

package io.periodclose.claims;

/** How much of what a claim asked of the bonus the bonus paid. */
public enum ClaimStatus {
    /** covered = requested, including a request of 0. */
    COVERED,
    /** 0 < covered < requested. */
    PARTIAL,
    /** Nothing covered although something was requested; the claim is kept, the distributor pays it all. */
    UNCOVERED
}

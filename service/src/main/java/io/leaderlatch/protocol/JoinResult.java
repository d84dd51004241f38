package io.leaderlatch.protocol;

/**
 * How a JOIN line was answered; the {@code result} tag of the joins meter. A member's JOIN of its
 * own group and name again is a confirmation ({@link ConfirmationResult}), not a join.
 */
public enum JoinResult {
    /** {@code LEADER <self>}: the joiner leads. */
    LEADER,
    /** {@code LEADER <other>}: the joiner waits. */
    FOLLOWER,
    /**
     * A JOIN naming another group or client on a connection that is already a member: answered
     * {@code ALREADY_JOINED} with the membership it holds (or, without the lease, not at all).
     */
    ALREADY_JOINED,
    /** {@code JOIN_FAILED}: store unavailable or name in use. */
    FAILED
}

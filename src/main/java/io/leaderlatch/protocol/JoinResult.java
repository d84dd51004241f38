package io.leaderlatch.protocol;

/** How a JOIN (or a line sent in its place) was answered; the {@code result} tag of the joins meter. */
public enum JoinResult {
    /** {@code LEADER <self>}: the joiner leads. */
    LEADER,
    /** {@code LEADER <other>}: the joiner waits. */
    FOLLOWER,
    /** {@code ALREADY_JOINED}: a second JOIN on a joined connection. */
    ALREADY_JOINED,
    /** {@code ERROR}: not a valid command. */
    ERROR,
    /** {@code JOIN_FAILED}: store unavailable or name in use. */
    FAILED
}

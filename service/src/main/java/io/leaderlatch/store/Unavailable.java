package io.leaderlatch.store;

/**
 * The store could not serve the request (no quorum, unreachable, timed out).
 *
 * @param reason what went wrong, for logs
 * @param outcomeUnknown true when a write may have been applied although it was not confirmed
 */
public record Unavailable(String reason, boolean outcomeUnknown) implements ReadOutcome, WriteOutcome {

    public static Unavailable of(String reason) {
        return new Unavailable(reason, false);
    }

    public static Unavailable unknownOutcome(String reason) {
        return new Unavailable(reason, true);
    }
}

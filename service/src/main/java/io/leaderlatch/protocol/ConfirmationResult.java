package io.leaderlatch.protocol;

/**
 * How a confirmation, a member's JOIN of its own group and name again, was answered; the
 * {@code result} tag of the confirmations meter.
 */
public enum ConfirmationResult {
    /** {@code ALREADY_JOINED}: the instance held its lease at that moment and still holds the member. */
    CONFIRMED,
    /** Not answered: the lease was not held or the member had been given up; the connection was closed. */
    REFUSED
}

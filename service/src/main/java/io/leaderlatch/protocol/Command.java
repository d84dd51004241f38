package io.leaderlatch.protocol;

/**
 * One line from a client, decoded. A bad line is a value too, so the handler answers it like any
 * other command instead of catching an exception.
 */
public sealed interface Command {

    /** {@code JOIN <group> <client>}. */
    record Join(String group, String client) implements Command {
    }

    /**
     * {@code TERMS}, before the JOIN: from now on every {@code LEADER} line carries the leader's
     * term, and the answer tells the service's fence margin.
     */
    record Terms() implements Command {
    }

    /** A line that is not a valid command; answered {@code ERROR}, the connection stays open. */
    record Invalid(String reason) implements Command {
    }

    /** A line longer than {@link ProtocolLimits#MAX_LINE_LENGTH}; answered {@code ERROR}, then the connection is closed. */
    record LineTooLong() implements Command {
    }
}

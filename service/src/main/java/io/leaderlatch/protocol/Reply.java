package io.leaderlatch.protocol;

/** One line the service sends to a client. */
public sealed interface Reply {

    /** {@code LEADER <name>}: the answer to a JOIN, and every later change of leader. */
    record Leader(String name) implements Reply {
    }

    /** {@code LEADER <name> <term>}: the same, on a connection that asked for terms ({@code TERMS}). */
    record LeaderInTerm(String name, long term) implements Reply {
    }

    /**
     * {@code TERMS <fence-margin-ms>}: the answer to {@code TERMS}; a confirmation answered by this
     * service vouches for a leadership at most this long after it was sent.
     */
    record Terms(long fenceMarginMillis) implements Reply {
    }

    /** {@code ALREADY_JOINED <group> <client>}: names the membership the connection already holds. */
    record AlreadyJoined(String group, String client) implements Reply {
    }

    /** {@code JOIN_FAILED <reason>}; the connection is closed after it. */
    record JoinFailed(Reason reason) implements Reply {

        /** Why a JOIN failed. */
        public enum Reason {
            /** The store cannot serve (no quorum, unreachable, or this instance is fenced). */
            SERVICE_UNAVAILABLE,
            /** Another open connection is already a member of the group under this client name. */
            NAME_IN_USE
        }
    }

    /** {@code ERROR}: the line was not a valid command. */
    record Error() implements Reply {
    }
}

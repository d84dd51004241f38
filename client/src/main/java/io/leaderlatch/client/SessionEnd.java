package io.leaderlatch.client;

/** How one connection to the service ended. */
sealed interface SessionEnd {

    /** Whether the service had accepted the JOIN, so the connection was a working one. */
    boolean joined();

    /** No connection: refused, unreachable, name not resolved, or timed out connecting. */
    record Unreachable(String why) implements SessionEnd {
        @Override
        public boolean joined() {
            return false;
        }
    }

    /** The service answered {@code JOIN_FAILED <reason>}. */
    record Refused(String reason) implements SessionEnd {
        @Override
        public boolean joined() {
            return false;
        }
    }

    /** The connection broke, or the service stopped answering or said something unexpected. */
    record Dropped(String why, boolean joined) implements SessionEnd {
    }

    /** The latch was closed. */
    record Closed() implements SessionEnd {
        @Override
        public boolean joined() {
            return false;
        }
    }
}

package io.leaderlatch.protocol;

/** What client sessions report for metrics. Called on Netty event loops; must not block. */
public interface SessionObserver {

    SessionObserver NONE = new SessionObserver() {
    };

    default void connectionOpened(String listener) {
    }

    default void connectionClosed(String listener) {
    }

    /** A JOIN line was answered (or, for {@link JoinResult#ALREADY_JOINED} without the lease, refused). */
    default void answered(String listener, JoinResult result) {
    }

    /** A member sent its own JOIN again, to have its membership confirmed. */
    default void confirmation(String listener, ConfirmationResult result) {
    }

    /** A line was answered {@code ERROR}. */
    default void invalidLine(String listener, InvalidLine reason) {
    }

    /** A connection sent no JOIN within the join timeout and was closed. */
    default void joinTimedOut(String listener) {
    }

    /** A member held to confirming (it asked for terms and confirmed) stopped doing so and was dropped. */
    default void confirmationTimedOut(String listener) {
    }
}

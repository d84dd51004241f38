package io.leaderlatch.protocol;

/** What client sessions report for metrics. Called on Netty event loops; must not block. */
public interface SessionObserver {

    SessionObserver NONE = new SessionObserver() {
    };

    default void connectionOpened(String listener) {
    }

    default void connectionClosed(String listener) {
    }

    default void answered(String listener, JoinResult result) {
    }

    /** A connection sent no JOIN within the join timeout and was closed. */
    default void joinTimedOut(String listener) {
    }

    /** A member held to confirming (it asked for terms and confirmed) stopped doing so and was dropped. */
    default void confirmationTimedOut(String listener) {
    }
}

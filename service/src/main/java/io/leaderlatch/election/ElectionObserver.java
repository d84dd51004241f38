package io.leaderlatch.election;

import java.time.Duration;

/** What the coordinator reports for metrics. Called on the coordinator's thread; must not block. */
public interface ElectionObserver {

    ElectionObserver NONE = new ElectionObserver() {
    };

    /** A group this instance serves got a new leader (or its first one). */
    default void leaderChanged() {
    }

    /** A leader's departure was noticed here and its successor has now been told, {@code elapsed} later. */
    default void failoverCompleted(Duration elapsed) {
    }

    /** A change could not be written because the store was unavailable. */
    default void storeUnavailable() {
    }

    /** This instance lost its lease and closed its clients' connections. */
    default void fenced() {
    }

    /** Another instance was declared dead and its members are being removed. */
    default void instanceDeclaredDead() {
    }
}

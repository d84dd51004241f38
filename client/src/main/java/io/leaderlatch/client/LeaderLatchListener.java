package io.leaderlatch.client;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Told of the changes a {@link LeaderLatch} sees, in the order they happen, one call at a time,
 * on the latch's event thread or on the executor given to
 * {@link LeaderLatch.Builder#callbackExecutor}. A call that throws is logged and does not stop
 * later calls.
 */
public interface LeaderLatchListener {

    /** This member now leads: the service named it leader and has confirmed it since. */
    default void leadershipGained() {
    }

    /**
     * The same, with the term of the leadership: a number that grows with every change of the
     * group's leader and is never reused, to fence writes with (docs/client.md); empty from a
     * service too old to tell terms. By default calls {@link #leadershipGained()}.
     */
    default void leadershipGained(OptionalLong term) {
        leadershipGained();
    }

    /**
     * This member no longer leads, or can no longer be sure it does: another member was named,
     * the connection dropped, the confirmation window ran out, or the latch was closed.
     */
    default void leadershipLost() {
    }

    /** The group's leader as last told by the service; empty while not connected. */
    default void leaderChanged(Optional<String> leader) {
    }

    /** The same, with the leader's term when the service tells it. By default calls {@link #leaderChanged(Optional)}. */
    default void leaderChanged(Optional<String> leader, OptionalLong term) {
        leaderChanged(leader);
    }
}

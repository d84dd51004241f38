package io.leaderlatch.spark;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;

/** Polls a condition until it holds, within a bound; shared by the tests and the failover trials. */
final class Bounded {

    /** Short, so that the trials measure a failover to within a few milliseconds. */
    private static final Duration POLL = Duration.ofMillis(10);

    private Bounded() {
    }

    /** Returns once {@code condition} holds; fails naming {@code what} once {@code bound} has passed. */
    static void until(BooleanSupplier condition, Duration bound, String what) {
        Awaitility.await(what)
                .atMost(bound)
                .pollDelay(Duration.ZERO)
                .pollInterval(POLL)
                .until(condition::getAsBoolean);
    }
}

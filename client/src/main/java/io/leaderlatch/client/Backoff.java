package io.leaderlatch.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential reconnect pauses from a minimum to a maximum, each drawn between half and all of
 * its step, so members that lost the same service do not all come back at once.
 */
final class Backoff {

    private final long minNanos;
    private final long maxNanos;
    private long stepNanos;

    Backoff(Duration min, Duration max) {
        this.minNanos = min.toNanos();
        this.maxNanos = max.toNanos();
        this.stepNanos = minNanos;
    }

    Duration next() {
        long step = stepNanos;
        stepNanos = step > maxNanos / 2 ? maxNanos : step * 2;
        long half = step / 2;
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(step - half + 1));
    }

    void reset() {
        stepNanos = minNanos;
    }
}

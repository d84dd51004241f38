package io.leaderlatch.testing;

import java.time.Duration;

/**
 * The one place that sets how long tests wait for a condition. Bounds are generous so that a
 * loaded 2-core machine stays green; {@code -Dtest.timing.factor=N} scales them all.
 */
public final class Timing {

    private static final double FACTOR = Double.parseDouble(System.getProperty("test.timing.factor", "1"));

    private Timing() {
    }

    /** The upper bound for anything a test waits for. */
    public static Duration patience() {
        return seconds(30);
    }

    public static Duration seconds(long seconds) {
        return Duration.ofMillis((long) (seconds * 1000 * FACTOR));
    }

    /** Slack added to a bound the code promises, for a loaded machine; scaled like every wait. */
    public static Duration scaled(Duration slack) {
        return Duration.ofNanos((long) (slack.toNanos() * FACTOR));
    }
}

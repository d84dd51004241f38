package io.leaderlatch.chaos;

import java.time.Duration;

/**
 * Whether a run's {@link History} already holds two overlapping leaderships of one group. A seed
 * with such an overlap has failed on invariant 1 whatever happens next, so its run stops there:
 * waiting out a settle only lengthens the overlap, and a broken store seldom settles, so each such
 * wait is the whole bound. What the run reports still comes from the final check over the whole
 * history; this only decides when to stop.
 */
final class OverlapWatch {

    /** Each look reads the whole history, so a waiting loop looks at most this often. */
    private static final long EVERY = Duration.ofSeconds(1).toNanos();

    private final History history;
    private final Checker checker = new Checker(ChaosOptions.CONFIRMATION_WINDOW);
    private long nextLook = System.nanoTime();
    private boolean seen;

    OverlapWatch(History history) {
        this.history = history;
    }

    /** For waiting loops: the last answer if it was given less than a second ago. */
    boolean seen() {
        return seen || System.nanoTime() - nextLook >= 0 && seenNow();
    }

    /** Looks at the history now. */
    boolean seenNow() {
        if (!seen) {
            long now = System.nanoTime();
            // Open leaderships end now: an overlap found so is found by the final check too, as
            // the heal has already recorded every pause and cut that could excuse it.
            seen = !checker.check(history, now).violations().isEmpty();
            nextLook = now + EVERY;
        }
        return seen;
    }
}

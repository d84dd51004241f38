package io.leaderlatch.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The loop of a seeded run, the same whatever the world: rounds of the {@link Schedule}'s events
 * handed to a {@link Driver}, a settle check after each heal, and the one-leader check over the
 * whole {@link History} at the end. A run stops at its first violation: a settle that fails, or
 * two leaders of a group on record after a settle ({@link OverlapWatch}).
 */
final class Rounds {

    /** What a world does with the events. */
    interface Driver {
        /** Called before each event: work that waits on time (members coming back, say). */
        default void tend() {
        }

        void act(Event event);

        void apply(Event.Fault fault);

        void heal();

        /**
         * Waits, within the bound, for every group to settle; a violation if they do not. Gives up
         * without a verdict once {@code overlap} has seen two leaders of a group.
         */
        Optional<Violation> settle(OverlapWatch overlap);

        /** Ends every client before the final check. */
        void endClients();
    }

    private Rounds() {
    }

    static ChaosReport run(ChaosOptions options, Schedule schedule, History history, Driver driver) {
        long deadline = System.nanoTime() + options.maxRunTime().toNanos();
        List<Violation> violations = new ArrayList<>();
        int rounds = 0;
        int events = 0;
        int faults = 0;
        Duration slowest = Duration.ZERO;
        OverlapWatch overlap = new OverlapWatch(history);
        boolean failed = false;
        while (rounds < options.rounds() && System.nanoTime() - deadline < 0 && !failed) {
            rounds++;
            for (Event event : schedule.nextRound()) {
                driver.tend();
                if (event instanceof Event.Wait wait) {
                    pace(wait.duration());
                    continue;
                }
                events++;
                if (event instanceof Event.Fault fault) {
                    faults++;
                    driver.apply(fault);
                } else if (event instanceof Event.Heal) {
                    driver.heal();
                    long started = System.nanoTime();
                    driver.settle(overlap).ifPresent(violations::add);
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    slowest = took.compareTo(slowest) > 0 ? took : slowest;
                    failed = !violations.isEmpty() || overlap.seenNow();
                } else {
                    driver.act(event);
                }
            }
        }
        driver.endClients();
        Checker.Result result = new Checker(ChaosOptions.CONFIRMATION_WINDOW).check(history, System.nanoTime());
        violations.addAll(result.violations());
        return new ChaosReport(options.seed(), rounds, events, faults, result.leaderships(), rounds, slowest, violations);
    }

    /** The schedule's pause between events: pacing, not waiting for a condition. */
    static void pace(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

package io.leaderlatch.chaos;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The loop of a run, with a driver that only writes the history, and the watch it stops by. */
class RoundsTest {

    private static final Duration LONG_SETTLE = Duration.ofSeconds(20);
    private final History history = new History();

    /** Two members of g told they lead at once, from the given millisecond on. */
    private void twoLeadersAt(long millis) {
        long at = millis * 1_000_000;
        history.place("a", "g", 0);
        history.place("b", "g", 1);
        history.record(new Entry(at, "a", Entry.Kind.LINE, "LEADER a"));
        history.record(new Entry(at, "b", Entry.Kind.LINE, "LEADER b"));
    }

    @Test
    void aRunStopsAfterTheRoundThatPutTwoLeadersOnRecordWithoutWaitingOutItsSettle() {
        Driver driver = new Driver();

        ChaosReport report = Rounds.run(ChaosOptions.of(7, 3, Duration.ofMinutes(5)),
                new Schedule(7, 3, 5, List.of(Event.KillInstance.class)), history, driver);

        assertThat(report.rounds()).isEqualTo(1);
        assertThat(driver.settles).isEqualTo(1);
        assertThat(report.slowestSettle()).isLessThan(LONG_SETTLE.dividedBy(4));
        assertThat(report.violations()).singleElement()
                .satisfies(v -> assertThat(v.rule()).isEqualTo("one-leader (strict)"));
    }

    @Test
    void theWatchSeesAnOverlapOnRecordAndKeepsSayingSo() {
        OverlapWatch watch = new OverlapWatch(history);
        history.place("a", "g", 0);
        history.record(new Entry(System.nanoTime(), "a", Entry.Kind.LINE, "LEADER a"));
        assertThat(watch.seen()).isFalse();

        twoLeadersAt(System.nanoTime() / 1_000_000);

        assertThat(watch.seenNow()).isTrue();
        assertThat(watch.seen()).isTrue();
    }

    @Test
    void aHandOverIsNoOverlap() {
        history.place("a", "g", 0);
        history.place("b", "g", 1);
        long now = System.nanoTime();
        history.record(new Entry(now - 3_000_000, "a", Entry.Kind.LINE, "LEADER a"));
        history.record(new Entry(now - 2_000_000, "a", Entry.Kind.CLOSING, "close"));
        history.record(new Entry(now - 1_000_000, "b", Entry.Kind.LINE, "LEADER b"));

        assertThat(new OverlapWatch(history).seenNow()).isFalse();
    }

    /**
     * Puts two leaders of g on record at the first fault, and then, like a broken store, never
     * settles: each settle waits until the watch gives up or the long bound passes.
     */
    private final class Driver implements Rounds.Driver {
        int settles;

        @Override
        public void act(Event event) {
        }

        @Override
        public void apply(Event.Fault fault) {
            if (settles == 0) {
                twoLeadersAt(System.nanoTime() / 1_000_000);
            }
        }

        @Override
        public void heal() {
        }

        @Override
        public Optional<Violation> settle(OverlapWatch overlap) {
            settles++;
            long deadline = System.nanoTime() + LONG_SETTLE.toNanos();
            while (!overlap.seen() && System.nanoTime() - deadline < 0) {
                Rounds.pace(Duration.ofMillis(20));
            }
            return overlap.seen() ? Optional.empty()
                    : Optional.of(new Violation("liveness", "g", "not settled", List.of()));
        }

        @Override
        public void endClients() {
        }
    }
}

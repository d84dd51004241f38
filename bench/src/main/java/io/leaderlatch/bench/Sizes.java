package io.leaderlatch.bench;

import java.time.Duration;
import java.util.List;

/**
 * How big each scenario is. {@link #FULL} is what docs/benchmarks.md reports; {@link #TINY} runs
 * every scenario once in seconds, for the test that keeps the benchmark working.
 *
 * @param reps              samples per trial of the single-event scenarios (first leader, N = 2)
 * @param bursts            join burst sizes
 * @param failovers         clean failover group sizes
 * @param groups            groups of two in the many-groups scenario
 * @param heapBoth          members for the heap measurement of both systems
 * @param heapServiceOnly   members for the heap measurement of this service alone
 * @param churnGroups       groups replacing their leaders in the churn scenario
 * @param churnWindow       how long each churn trial runs
 * @param riakPolls         poll intervals of the cross-instance scenario on the Riak-like store
 * @param riakReps          failovers per trial on the Riak-like store
 * @param warmUp            how long each server is warmed up after it starts ({@link WarmUp})
 */
record Sizes(int reps, List<Integer> bursts, List<Integer> failovers, int groups, int heapBoth, int heapServiceOnly,
             int churnGroups, Duration churnWindow, List<Duration> riakPolls, int riakReps, Duration warmUp) {

    static final Sizes FULL = new Sizes(20, List.of(2, 100, 1000), List.of(2, 100, 1000), 1000, 2000, 10_000,
            64, Duration.ofSeconds(3), List.of(Duration.ofSeconds(1), Duration.ofMillis(100)), 10, Duration.ofSeconds(15));

    static final Sizes TINY = new Sizes(2, List.of(2, 3), List.of(2, 3), 3, 10, 20,
            2, Duration.ofMillis(300), List.of(Duration.ofMillis(100)), 2, Duration.ZERO);

    /** Samples per trial for a group of {@code n}: many for the quick small cases, fewer as they grow. */
    int repsFor(int n) {
        return n <= 2 ? reps : n <= 100 ? Math.max(1, reps / 4) : Math.max(1, reps / 20);
    }
}

package io.leaderlatch.chaos;

import io.leaderlatch.testing.riak.RealRiakCluster;

import java.nio.file.Path;
import java.time.Duration;

/** Runs the checker on a real cluster, for tests outside this package. */
public final class RealRiakChaos {

    /** What a run found. */
    public record Outcome(int faults, int leaderships, int violations, String summary, String describe) {
    }

    private RealRiakChaos() {
    }

    public static Outcome run(RealRiakCluster cluster, long seed, Duration runTime, Path dir) {
        System.out.println("chaos seed " + seed + " on real Riak");
        ChaosReport report;
        try (Harness harness = new Harness(ChaosOptions.of(seed, 1000, runTime), dir, new RealRiakBackend(cluster))) {
            report = harness.run();
        }
        return new Outcome(report.faults(), report.leaderships(), report.violations().size(), report.summary(),
                report.describe());
    }
}

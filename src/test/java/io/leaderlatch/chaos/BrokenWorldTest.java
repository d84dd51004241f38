package io.leaderlatch.chaos;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checker can fail: on a Riak test server switched to blind writes after the instances
 * started, it reports two overlapping leaders within a bounded number of seeds.
 */
class BrokenWorldTest {

    private static final int MAX_SEEDS = 3;

    @Test
    void blindWritesAreCaughtAsTwoLeadersOfOneGroup(@TempDir Path dir) {
        List<String> summaries = new ArrayList<>();
        for (long seed = 1; seed <= MAX_SEEDS; seed++) {
            ChaosReport report;
            try (Harness harness = new Harness(ChaosOptions.of(seed, 100, Duration.ofSeconds(15)).broken(),
                    dir.resolve("seed" + seed))) {
                report = harness.run();
            }
            summaries.add(report.summary());
            if (report.violations().stream().anyMatch(v -> v.rule().startsWith("one-leader"))) {
                System.out.println(report.describe());
                return;
            }
        }
        throw new AssertionError("no violation found in " + MAX_SEEDS + " seeds: " + summaries);
    }
}

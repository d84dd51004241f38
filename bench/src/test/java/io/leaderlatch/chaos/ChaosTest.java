package io.leaderlatch.chaos;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A short seeded run of the fault-injection checker: three instances in their own JVMs, clients
 * joining and leaving, one fault per round, a settle check after each heal, and the one-leader
 * check over everything recorded. The seed is printed; {@code -Dchaos.seed=N} replays one.
 * {@code scripts/soak} runs the same for as long as asked.
 */
class ChaosTest {

    @Test
    void oneLeaderPerGroupAndEveryGroupSettlesAfterEachHeal(@TempDir Path dir) {
        long seed = Long.getLong("chaos.seed", System.nanoTime());
        System.out.println("chaos seed " + seed);
        ChaosReport report;
        try (Harness harness = new Harness(ChaosOptions.of(seed, 100, Duration.ofSeconds(20)), dir)) {
            report = harness.run();
        }
        System.out.println(report.summary());
        assertThat(report.faults()).isPositive();
        assertThat(report.leaderships()).isPositive();
        assertThat(report.violations()).as(report.describe()).isEmpty();
    }
}

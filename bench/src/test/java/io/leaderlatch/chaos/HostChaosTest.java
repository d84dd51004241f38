package io.leaderlatch.chaos;

import io.leaderlatch.testing.net.TestNetwork;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A short seeded run of the checker with hosts that vanish and networks that split
 * ({@link HostChaos}). {@code -Dchaos.seed=N} replays one; {@code scripts/soak --hosts} runs the
 * same for as long as asked.
 */
class HostChaosTest {

    @Test
    void oneLeaderPerGroupAndEveryGroupSettlesAfterEachHeal(@TempDir Path dir) {
        Assumptions.assumeTrue(TestNetwork.available(), "needs root and iproute2 for network namespaces");
        long seed = Long.getLong("chaos.seed", System.nanoTime());
        System.out.println("chaos seed " + seed + " with hosts");
        ChaosReport report;
        try (HostChaos chaos = new HostChaos(ChaosOptions.of(seed, 100, Duration.ofSeconds(30)), dir)) {
            report = chaos.run();
        }
        System.out.println(report.summary());
        assertThat(report.faults()).isPositive();
        assertThat(report.leaderships()).isPositive();
        assertThat(report.violations()).as(report.describe()).isEmpty();
    }
}

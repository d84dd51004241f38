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
        assertThat(report.violations()).as(report.describe(" --hosts")).isEmpty();
    }

    /**
     * The soak's seed that found a member whose JOIN answer was lost with its host: its host
     * vanished (port down, process frozen) just after the JOIN went out; the service's answer
     * stayed unacknowledged for the TCP user timeout, so the service dropped the connection (no
     * reset can reach a vanished host); back up, the member still waited for an answer on a
     * connection only it thought open, past the settle bound. A client bounds that wait with
     * keepalive (docs/protocol.md, "When the connection is lost"), as the checker's clients now do.
     */
    @Test
    void aMemberWhoseJoinAnswerWasLostWithItsHostIsNotLeftWaiting(@TempDir Path dir) {
        Assumptions.assumeTrue(TestNetwork.available(), "needs root and iproute2 for network namespaces");
        ChaosReport report;
        try (HostChaos chaos = new HostChaos(ChaosOptions.of(50884206066768L, 3, Duration.ofSeconds(60)), dir)) {
            report = chaos.run();
        }
        System.out.println(report.summary());
        assertThat(report.rounds()).isEqualTo(3);
        assertThat(report.violations()).as(report.describe(" --hosts")).isEmpty();
    }
}

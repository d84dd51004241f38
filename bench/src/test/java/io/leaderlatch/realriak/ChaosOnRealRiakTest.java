package io.leaderlatch.realriak;

import io.leaderlatch.chaos.RealRiakChaos;
import io.leaderlatch.testing.riak.RealRiak;
import io.leaderlatch.testing.riak.RealRiakCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A short seeded run of the fault-injection checker on a real cluster: Riak nodes killed, stopped,
 * paused and two of three down, instances killed (their members coming back under their own names
 * elsewhere) and paused. {@code scripts/soak --real-riak} runs the same for as long as asked.
 */
@RealRiak(faults = true)
class ChaosOnRealRiakTest {

    @Test
    void oneLeaderPerGroupAndEveryGroupSettlesAfterEachHeal(@TempDir Path dir) {
        long seed = Long.getLong("chaos.seed", System.nanoTime());
        RealRiakChaos.Outcome outcome = RealRiakChaos.run(RealRiakCluster.fromEnvironment().orElseThrow(), seed,
                Duration.ofSeconds(40), dir);
        System.out.println(outcome.summary());
        assertThat(outcome.faults()).isPositive();
        assertThat(outcome.leaderships()).isPositive();
        assertThat(outcome.violations()).as(outcome.describe()).isZero();
    }
}

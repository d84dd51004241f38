package io.leaderlatch.chaos;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The checker can fail: on a Riak test server broken after the instances started (blind writes,
 * or heartbeats acknowledged and lost), it reports two overlapping leaders within a bounded number
 * of seeds.
 */
class BrokenWorldTest {

    /**
     * The seeds tried, in order, until one catches the break. Seed 2 first: in a CI run where seed
     * 1 missed both worlds, seed 2 caught both, and each missed seed adds its whole run to the
     * test's time. Which seed catches depends on timing too, hence several.
     */
    private static final long[] SEEDS = {2, 1, 3, 4};

    /**
     * Blind writes show at the first race between instances; lost heartbeats only once a group
     * has members on two instances for a lease after the break, which a fault may undo first.
     */
    private static Duration runTime(World world) {
        return world == World.BLIND_WRITES ? Duration.ofSeconds(10) : Duration.ofSeconds(30);
    }

    @ParameterizedTest
    @EnumSource(value = World.class, names = {"BLIND_WRITES", "LOST_HEARTBEATS"})
    void aBrokenStoreIsCaughtAsTwoLeadersOfOneGroup(World world, @TempDir Path dir) {
        List<String> summaries = new ArrayList<>();
        for (long seed : SEEDS) {
            ChaosReport report;
            try (Harness harness = new Harness(ChaosOptions.of(seed, 100, runTime(world)).in(world),
                    dir.resolve("seed" + seed))) {
                report = harness.run();
            }
            summaries.add(report.summary());
            if (report.violations().stream().anyMatch(v -> v.rule().startsWith("one-leader"))) {
                System.out.println(world + ": " + report.describe());
                return;
            }
        }
        throw new AssertionError("no violation found in " + SEEDS.length + " seeds: " + summaries);
    }
}

package io.leaderlatch.chaos;

import io.leaderlatch.testing.riak.RealRiakCluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The driver of {@code scripts/soak}: seeded runs one after the other, each on fresh instances and
 * a fresh Riak test cluster (or, with {@code --real-riak}, a fresh bucket of the real cluster the
 * environment names, {@link RealRiakCluster}), until the time or the number of fault events is reached; prints a
 * summary and exits 1 if any run found a violation, 3 if a run could not be carried out.
 *
 * <pre>
 * Soak [--minutes M] [--faults N] [--seed S] [--seeds K] [--rounds R] [--dir DIR] [--real-riak | --hosts]
 * </pre>
 * Runs seeds S, S+1, ... (S random unless given), R rounds each (default 20), at most K seeds.
 */
public final class Soak {

    private Soak() {
    }

    public static void main(String[] args) throws Exception {
        long minutes = 60;
        long maxFaults = Long.MAX_VALUE;
        long seed = ThreadLocalRandom.current().nextLong(1, 1L << 48);
        long maxSeeds = Long.MAX_VALUE;
        int rounds = 20;
        Path dir = null;
        boolean realRiak = false;
        boolean hosts = false;
        for (int i = 0; i < args.length; i += 2) {
            if (args[i].equals("--real-riak") || args[i].equals("--hosts")) {
                realRiak |= args[i].equals("--real-riak");
                hosts |= args[i].equals("--hosts");
                i--;
                continue;
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--minutes" -> minutes = Long.parseLong(value);
                case "--faults" -> maxFaults = Long.parseLong(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--seeds" -> maxSeeds = Long.parseLong(value);
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--dir" -> dir = Path.of(value);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (dir == null) {
            dir = Files.createTempDirectory("soak");
        }
        long started = System.nanoTime();
        long deadline = started + Duration.ofMinutes(minutes).toNanos();
        List<ChaosReport> reports = new ArrayList<>();
        long faults = 0;
        long errors = 0;
        for (long run = 0; run < maxSeeds && faults < maxFaults && System.nanoTime() - deadline < 0; run++) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            ChaosReport report;
            try {
                report = runSeed(ChaosOptions.of(seed + run, rounds, left), dir.resolve("seed" + (seed + run)), realRiak,
                        hosts);
            } catch (RuntimeException e) {
                // Not a verdict on the service (an instance that did not start in time, say): say so and go on.
                System.out.println("seed " + (seed + run) + ": the harness failed: " + e);
                errors++;
                continue;
            }
            reports.add(report);
            faults += report.faults();
            System.out.println(report.violations().isEmpty() ? report.summary()
                    : report.describe(hosts ? " --hosts" : realRiak ? " --real-riak" : ""));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        long violations = reports.stream().mapToLong(r -> r.violations().size()).sum();
        System.out.printf("soak: %d min, seeds %d..%d (%d runs), %d rounds, %d events, %d faults, %d leaderships checked,"
                        + " %d settle checks (slowest %d ms), %d violations, %d harness failures%n",
                took.toMinutes(), seed, seed + reports.size() - 1, reports.size(),
                reports.stream().mapToLong(ChaosReport::rounds).sum(),
                reports.stream().mapToLong(ChaosReport::events).sum(), faults,
                reports.stream().mapToLong(ChaosReport::leaderships).sum(),
                reports.stream().mapToLong(ChaosReport::settleChecks).sum(),
                reports.stream().mapToLong(r -> r.slowestSettle().toMillis()).max().orElse(0), violations, errors);
        System.exit(violations > 0 ? 1 : errors > 0 ? 3 : 0);
    }

    private static ChaosReport runSeed(ChaosOptions options, Path dir, boolean realRiak, boolean hosts) {
        if (hosts) {
            try (HostChaos chaos = new HostChaos(options, dir)) {
                return chaos.run();
            }
        }
        try (Harness harness = realRiak
                ? new Harness(options, dir, new RealRiakBackend(RealRiakCluster.fromEnvironment().orElseThrow()))
                : new Harness(options, dir)) {
            return harness.run();
        }
    }
}

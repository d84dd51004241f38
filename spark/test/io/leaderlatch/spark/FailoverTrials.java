package io.leaderlatch.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures Spark master failovers, as {@code scripts/spark-failover} runs it: two masters and a
 * worker; the leader is killed (SIGKILL), stopped (SIGTERM) or frozen (SIGSTOP), or its host vanishes; the time runs
 * from then until the standby is ALIVE and lists the worker ALIVE. The ended master is started
 * again as the new standby before the next trial. With {@code vanish} (needs root) the service (or
 * ZooKeeper), each master and the worker run on hosts of their own ({@link Lan}), and the leader's
 * host loses its network port while the leader is frozen.
 *
 * <p>Arguments: {@code leaderlatch|zookeeper kill|term|pause|vanish <trials> <work directory> [<service jar>
 * [directory|riak]]}; with {@code riak} the state is kept on the project's Riak protocol test server.
 */
public final class FailoverTrials {

    private FailoverTrials() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: FailoverTrials leaderlatch|zookeeper kill|term|pause|vanish TRIALS WORK_DIR"
                    + " [SERVICE_JAR [directory|riak]]");
            System.exit(2);
        }
        String mode = args[0];
        MasterPair.Stop stop = MasterPair.Stop.valueOf(args[1].toUpperCase(Locale.ROOT));
        int trials = Integer.parseInt(args[2]);
        Path work = Files.createDirectories(Path.of(args[3]));
        SparkJvm jvm = SparkJvm.ofThisJvm(work);
        try (Lan lan = stop == MasterPair.Stop.VANISH ? new Lan() : null) {
            Placement server = lan == null ? Placement.LOOPBACK : lan.host("server");
            Placement[] masters = lan == null ? new Placement[] {Placement.LOOPBACK, Placement.LOOPBACK}
                    : new Placement[] {lan.host("master-a"), lan.host("master-b")};
            Placement worker = lan == null ? Placement.LOOPBACK : lan.host("worker");
            List<Duration> times = switch (mode) {
                case "leaderlatch" -> {
                    boolean riak = args.length > 5 && args[5].equals("riak");
                    if (riak && lan != null) {
                        throw new IllegalArgumentException("vanish keeps the state in a directory");
                    }
                    // Defaults throughout: the service's settings and the adapter's confirmation window.
                    try (ServiceProcess service = ServiceProcess.start(server, Path.of(args[4]), work, List.of());
                         RiakTestServer riakServer = riak ? RiakTestServer.start(work, 3) : null) {
                        List<String> persistence = riak
                                ? Recovery.LeaderLatch.riak(riakServer.nodes())
                                : Recovery.LeaderLatch.directory(work.resolve("recovery"));
                        yield run(jvm, new Recovery.LeaderLatch(service.endpoint(), persistence,
                                AdapterSettings.DEFAULT_CONFIRMATION_WINDOW), stop, trials, masters, worker, lan);
                    }
                }
                case "zookeeper" -> {
                    try (ZooKeeperServer zookeeper = ZooKeeperServer.start(jvm, server)) {
                        yield run(jvm, new Recovery.ZooKeeper(zookeeper.connect()), stop, trials, masters, worker, lan);
                    }
                }
                default -> throw new IllegalArgumentException("no recovery mode " + mode);
            };
            report(mode, stop, times);
        }
    }

    private static void report(String mode, MasterPair.Stop stop, List<Duration> times) {
        List<Long> millis = times.stream().map(Duration::toMillis).sorted().toList();
        System.out.printf("%s %s: %d trials, median %d ms, min %d ms, max %d ms%n", mode, stop.name(), millis.size(),
                millis.get(millis.size() / 2), millis.get(0), millis.get(millis.size() - 1));
    }

    private static List<Duration> run(SparkJvm jvm, Recovery recovery, MasterPair.Stop stop, int trials,
                                      Placement[] masters, Placement worker, Lan lan) {
        List<Duration> times = new ArrayList<>();
        try (MasterPair pair = MasterPair.start(jvm, recovery, masters, worker, lan)) {
            pair.startWorker();
            for (int trial = 1; trial <= trials; trial++) {
                Duration took = pair.failover(stop);
                times.add(took);
                System.out.printf("trial %d: %d ms%n", trial, took.toMillis());
                if (trial < trials) {
                    pair.restartStopped();
                }
            }
        }
        return times;
    }
}

package io.leaderlatch.bench;

import io.leaderlatch.testing.ChildJvm;
import io.leaderlatch.testing.InstanceProcess;
import io.leaderlatch.testing.net.TestNetwork;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The leader's host vanishes (its network port down and its process frozen: no FIN, no RST), until
 * the other member is told it leads; this service and ZooKeeper + Curator side by side, each
 * server, leader and follower on a host of its own ({@link TestNetwork}, needs root).
 * {@code scripts/bench --hosts} runs it and writes its table into docs/benchmarks.md.
 *
 * <pre>HostVanishBench [--trials N] [--doc FILE | --no-doc] [--log-dir DIR]</pre>
 */
public final class HostVanishBench {

    static final String BEGIN = "<!-- host-vanish results: written by scripts/bench --hosts; do not edit by hand -->";
    static final String END = "<!-- end of host-vanish results -->";
    private static final int SERVICE_PORT = 5323;
    private static final int ZOOKEEPER_PORT = 2181;
    private static final Duration BOUND = Duration.ofSeconds(120);

    private record Row(String what, List<Double> seconds, String note) {
    }

    /** A member process on a test host and what it reported, by word, with its nanoTime. */
    private static final class Member {
        private final Process process;
        private final Map<String, Long> reports = new ConcurrentHashMap<>();

        Member(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.US_ASCII))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        String[] words = line.split(" ");
                        if (words.length == 2 && words[1].matches("-?\\d+")) {
                            reports.putIfAbsent(words[0], Long.parseLong(words[1]));
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, "vanish-member-reader");
            reader.setDaemon(true);
            reader.start();
        }

        long await(String word) {
            Bounded.until(() -> reports.containsKey(word) || !process.isAlive(), BOUND, "a member to report " + word);
            Long at = reports.get(word);
            if (at == null) {
                throw new BenchFailure("a member ended before it reported " + word);
            }
            return at;
        }

        void signal(String name) {
            try {
                new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void kill() {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final TestNetwork network = new TestNetwork();
    private final TestNetwork.Host serverHost = network.lanHost("srv");
    private final TestNetwork.Host leaderHost = network.lanHost("ldr");
    private final TestNetwork.Host followerHost = network.lanHost("flw");
    private final TestNetwork.Host thirdHost = network.lanHost("third");
    private final Path logs;
    private final int trials;
    private final List<Row> rows = new ArrayList<>();
    private int groups;

    private HostVanishBench(Path logs, int trials) {
        this.logs = logs;
        this.trials = trials;
    }

    public static void main(String[] args) throws Exception {
        int trials = 10;
        Optional<Path> doc = Optional.of(Path.of("docs/benchmarks.md"));
        Optional<Path> logDir = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--trials" -> trials = Integer.parseInt(args[++i]);
                case "--doc" -> doc = Optional.of(Path.of(args[++i]));
                case "--no-doc" -> doc = Optional.empty();
                case "--log-dir" -> logDir = Optional.of(Path.of(args[++i]));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (!TestNetwork.available()) {
            throw new IllegalStateException("needs root and iproute2 (network namespaces)");
        }
        Path logs = ChildJvms.logDir(logDir, "leader-latch-host-vanish-bench");
        System.err.println("logs in " + logs);
        HostVanishBench bench = new HostVanishBench(logs, trials);
        String table;
        try {
            table = bench.run();
        } finally {
            bench.network.close();
        }
        System.out.println(table);
        doc.ifPresent(file -> BenchDoc.write(file, BEGIN, END, table));
        System.exit(0);
    }

    private String run() throws Exception {
        String service = network.lanAddress(serverHost) + ":" + SERVICE_PORT;
        InstanceProcess instance = InstanceProcess.start("service", List.of("listener.leader_latch.lan = " + service),
                "leader-latch.metrics.jmx-enabled = false\n", logs, Duration.ofSeconds(60), serverHost::exec,
                new InetSocketAddress(network.lanAddress(serverHost), SERVICE_PORT));
        try {
            measure("this service, raw protocol leader (as telnet): until the other member is told it leads",
                    List.of("raw", service), List.of("raw", service), "bound: keepalive, idle * 1.25 + interval * count = 3.25 s",
                    trials);
            measure("this service, Java client leader (confirms every 0.5 s): until the other member is told it leads",
                    List.of("java", service), List.of("raw", service), "the same bound; never before its last confirmation + 2 s",
                    trials);
            measurePushInFlight(service);
        } finally {
            instance.kill();
        }
        Process zookeeper = startZooKeeper();
        try {
            String zk = network.lanAddress(serverHost) + ":" + ZOOKEEPER_PORT;
            measure("ZooKeeper 3.9.5 (tickTime 2 s) + Curator 5.9.0, session timeout 60 s asked for (Curator's default,"
                            + " and Spark's): until the other latch is told it leads",
                    List.of("curator", zk, "60000"), List.of("curator", zk, "60000"),
                    "ZooKeeper grants at most 20 ticks: 40 s", Math.min(trials, 4));
            measure("ZooKeeper + Curator, session timeout 4 s (ZooKeeper's least at tickTime 2 s)",
                    List.of("curator", zk, "4000"), List.of("curator", zk, "4000"), "", trials);
        } finally {
            zookeeper.destroyForcibly();
        }
        return table();
    }

    private Process startZooKeeper() throws IOException {
        Path data = Files.createDirectories(logs.resolve("zookeeper-data"));
        Path config = Files.write(logs.resolve("zoo-vanish.cfg"), List.of(
                "tickTime=2000",
                "dataDir=" + data,
                "clientPort=" + ZOOKEEPER_PORT,
                "clientPortAddress=" + network.lanAddress(serverHost),
                "maxClientCnxns=0",
                "admin.enableServer=false"));
        return java(ZooKeeperProcess.MAIN).args(config.toString()).wrap(serverHost::exec)
                .logTo(logs.resolve("zookeeper-vanish.log")).start();
    }

    private void measure(String what, List<String> leader, List<String> follower, String note, int count) {
        List<Double> samples = new ArrayList<>();
        for (int trial = 0; trial < count; trial++) {
            String group = "vanish" + ++groups;
            Member lead = start(leaderHost, leader, group, "leader");
            Member follow = null;
            try {
                lead.await("LEADS");
                follow = start(followerHost, follower, group, "follower");
                follow.await("KNOWS");
                pause(Duration.ofMillis(1000 + 100L * trial)); // in line, and at another phase each trial
                long vanished = System.nanoTime();
                network.unplug(leaderHost);
                lead.signal("STOP");
                long told = follow.await("LEADS");
                samples.add((told - vanished) / 1e9);
                System.err.printf(Locale.ROOT, "%s: %.2f s%n", what, (told - vanished) / 1e9);
            } finally {
                lead.kill();
                if (follow != null) {
                    follow.kill();
                }
                network.plug(leaderHost);
            }
        }
        rows.add(new Row(what, samples, note));
    }

    /**
     * The member next in line has its host vanish just as the leader leaves, so the service's
     * {@code LEADER} push to it is in flight and never acknowledged: until the third member is told
     * it leads. Keepalive does not probe a connection with data in flight; the TCP user timeout
     * (idle + interval * count = 3 s at the defaults) ends it.
     */
    private void measurePushInFlight(String service) {
        List<Double> samples = new ArrayList<>();
        for (int trial = 0; trial < trials; trial++) {
            String group = "inflight" + ++groups;
            Member lead = start(leaderHost, List.of("raw", service), group, "leader");
            Member next = null;
            Member third = null;
            try {
                lead.await("LEADS");
                next = start(followerHost, List.of("raw", service), group, "next");
                next.await("KNOWS");
                third = start(thirdHost, List.of("raw", service), group, "third");
                third.await("KNOWS");
                pause(Duration.ofMillis(500 + 100L * trial));
                network.unplug(followerHost);
                next.signal("STOP");
                long left = System.nanoTime();
                lead.kill(); // its kernel closes the connection: the service pushes LEADER next at once
                long told = third.await("LEADS");
                samples.add((told - left) / 1e9);
                System.err.printf(Locale.ROOT, "push in flight: %.2f s%n", (told - left) / 1e9);
            } finally {
                lead.kill();
                if (next != null) {
                    next.kill();
                }
                if (third != null) {
                    third.kill();
                }
                network.plug(followerHost);
            }
        }
        rows.add(new Row("this service, raw members: the next member's host vanishes as the leader leaves (its LEADER push"
                + " in flight): until the third member is told it leads", samples,
                "bound: the TCP user timeout, idle + interval * count = 3 s, plus a retransmission step"));
    }

    private Member start(TestNetwork.Host host, List<String> kind, String group, String name) {
        Process process = java(VanishMember.class.getName()).args(kind.get(0), kind.get(1), group, name)
                .args(kind.subList(2, kind.size())).wrap(host::exec)
                .errorsTo(logs.resolve(name + "-" + group + ".err")).start();
        return new Member(process);
    }

    private static ChildJvm java(String mainClass) {
        return ChildJvm.of(mainClass).jvmOptions("-Xmx128m");
    }

    private String table() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "Run of `scripts/bench --hosts` on %s; %s."
                + " Server, leader and follower each on a host of its own (network namespaces on one bridge); the"
                + " leader's host vanishes: its port down and its process frozen.%n%n", LocalDate.now(), MachineInfo.describe()));
        text.append("| The leader's host vanishes | median | max | trials | note |\n|---|---:|---:|---:|---|\n");
        for (Row row : rows) {
            Summary summary = Summary.of(row.seconds(), Unit.TIME);
            text.append(String.format(Locale.ROOT, "| %s | %.2f s | %.2f s | %d | %s |%n", row.what(), summary.median(),
                    summary.tail(), row.seconds().size(), row.note()));
        }
        return text.toString();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted");
        }
    }
}

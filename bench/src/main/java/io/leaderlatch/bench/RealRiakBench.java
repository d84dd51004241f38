package io.leaderlatch.bench;

import io.leaderlatch.admin.AdminCommands;
import io.leaderlatch.testing.ChildJvm;
import io.leaderlatch.testing.riak.RealRiakCluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The service on a real Riak cluster ({@code scripts/bench --real-riak}): three instances at the
 * default settings, each beside one node of the cluster {@link RealRiakCluster} names, measured
 * from raw protocol clients in this JVM. Writes its table into docs/benchmarks.md between markers
 * of its own, unless {@code --no-doc}.
 *
 * <pre>RealRiakBench [--trials N] [--doc FILE | --no-doc] [--log-dir DIR]</pre>
 */
public final class RealRiakBench {

    static final String BEGIN = "<!-- real-Riak results: written by scripts/bench --real-riak; do not edit by hand -->";
    static final String END = "<!-- end of real-Riak results -->";

    /** One row of the table: what was measured, in milliseconds unless {@code unit} says otherwise. */
    private record Row(String what, String unit, List<Double> samples, String note) {

        String markdown() {
            Summary summary = Summary.of(samples, Unit.TIME);
            return String.format(Locale.ROOT, "| %s | %s | %s | %d | %s |", what, number(summary.median()),
                    number(summary.tail()), samples.size(), note);
        }

        private String number(double value) {
            return unit.isEmpty() ? String.format(Locale.ROOT, "%,.1f", value) : String.format(Locale.ROOT, "%,.2f", value);
        }
    }

    private final RealRiakCluster riak;
    private final ChildJvms jvms;
    private final int trials;
    private final List<Row> rows = new ArrayList<>();
    private final List<ServiceProcess> instances = new ArrayList<>();
    private final String bucket = RealRiakCluster.freshBucket("bench");
    private int starts;

    private RealRiakBench(RealRiakCluster riak, ChildJvms jvms, int trials) {
        this.riak = riak;
        this.jvms = jvms;
        this.trials = trials;
    }

    public static void main(String[] args) throws Exception {
        int trials = 20;
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
        RealRiakCluster riak = RealRiakCluster.fromEnvironment().orElseThrow(() -> new IllegalStateException(
                "no real Riak cluster: set " + RealRiakCluster.ENDPOINTS_VARIABLE));
        Path logs = ChildJvms.logDir(logDir, "leader-latch-real-riak-bench");
        System.err.println("logs in " + logs);
        String table;
        try (ChildJvms jvms = new ChildJvms(logs)) {
            RealRiakBench bench = new RealRiakBench(riak, jvms, trials);
            table = bench.run();
        }
        System.out.println(table);
        doc.ifPresent(file -> BenchDoc.write(file, BEGIN, END, table));
        System.exit(0);
    }

    private String run() throws Exception {
        for (int node = 1; node <= 3; node++) {
            instances.add(start(node));
        }
        try (ProtocolClients clients = new ProtocolClients()) {
            firstLeader(clients);
            cleanFailover(clients, 0, "clean failover, both members on one instance: the next leader knows");
            cleanFailover(clients, 1, "clean failover to a member on another instance (change hint and one read)");
            burst(clients, 1000, 1000, Math.max(1, trials / 4));
            burst(clients, 10_000, 100, Math.max(1, trials / 10));
            instanceCrash(clients, Math.max(1, trials / 5));
        }
        idleLoad(List.of(100, 1000, 10_000), false);
        idleLoad(List.of(100, 1000, 3000), true);
        return table();
    }

    private ServiceProcess start(int node) {
        String settings = String.join("\n",
                "leader-latch.store.type = riak",
                "leader-latch.riak.bucket = " + bucket,
                // The benchmark's clients all come from 127.0.0.1.
                "leader-latch.limits.max-connections-per-address = 16384");
        return ServiceProcess.start(jvms, "instance" + node + "-" + ++starts, List.of("-Xms512m", "-Xmx1g"), settings,
                Optional.of(riak.node(node)));
    }

    private InetSocketAddress at(int instance) {
        return instances.get(instance).address();
    }

    private void firstLeader(ProtocolClients clients) {
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            long start = System.nanoTime();
            ProtocolParticipant member = clients.join(at(0), Groups.next("first"), "a");
            samples.add(millis(start, Bounded.get(member.leads(), Members.BOUND, "the first member to lead")));
            member.leave();
        }
        rows.add(new Row("first leader: connect and join an empty group, until it knows it leads", "", samples, ""));
    }

    private void cleanFailover(ProtocolClients clients, int successorInstance, String what) {
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            String group = Groups.next("failover");
            ProtocolParticipant leader = clients.join(at(0), group, "a");
            Bounded.get(leader.leads(), Members.BOUND, "a to lead");
            ProtocolParticipant next = clients.join(at(successorInstance), group, "b");
            Bounded.get(next.knowsLeader(), Members.BOUND, "b to join");
            pause(Duration.ofMillis(ThreadLocalRandom.current().nextInt(200)));
            long start = System.nanoTime();
            leader.leave();
            samples.add(millis(start, Bounded.get(next.leads(), Members.BOUND, "b to lead")));
            next.leave();
        }
        rows.add(new Row(what, "", samples, ""));
    }

    private void burst(ProtocolClients clients, int members, int groups, int reps) throws Exception {
        List<Double> samples = new ArrayList<>();
        List<Double> slowestAnswers = new ArrayList<>();
        int failed = 0;
        long requests = 0;
        long pid = instances.get(0).pid();
        for (int rep = 0; rep < reps; rep++) {
            long before = storeRequests(pid);
            String prefix = Groups.next("burst");
            List<ProtocolParticipant> joined = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < members; i++) {
                joined.add(clients.join(at(0), prefix + "-" + (i % groups), "m" + i));
            }
            long latest = start;
            double slowest = 0;
            for (ProtocolParticipant member : joined) {
                try {
                    long answered = Bounded.get(member.knowsLeader(), Members.BOUND, "a burst member");
                    latest = Math.max(latest, answered);
                    slowest = Math.max(slowest, millis(member.joinSentAt(), answered));
                } catch (RuntimeException e) {
                    failed++;
                }
            }
            samples.add(millis(start, latest));
            slowestAnswers.add(slowest);
            joined.forEach(ProtocolParticipant::leave);
            pause(Duration.ofSeconds(3));
            requests += storeRequests(pid) - before;
        }
        // Every Riak request of the instance from before the joins to after the departures, its
        // renewals and polls included: joins and departures in one shard share a write.
        rows.add(new Row(String.format(Locale.ROOT, "burst on one instance: %,d clients join %,d new groups at once,"
                        + " until every one is answered (this JVM opening the connections included)", members, groups),
                "", samples, String.format(Locale.ROOT, "%d answers other than LEADER; %.2f Riak requests per join"
                        + " and its departure", failed, requests / (double) (reps * members))));
        rows.add(new Row(String.format(Locale.ROOT, "the same burst of %,d: the slowest answer, from its JOIN sent to"
                + " its LEADER read", members), "", slowestAnswers, "target: every answer within 2 s"));
    }

    /**
     * The leader's instance is killed (SIGKILL): until the member on another instance is told it
     * leads. The bound is lease + renew-interval + poll-interval (13 s at the defaults).
     */
    private void instanceCrash(ProtocolClients clients, int reps) {
        List<Double> samples = new ArrayList<>();
        for (int rep = 0; rep < reps; rep++) {
            String group = Groups.next("crash");
            ProtocolParticipant leader = clients.join(at(0), group, "a");
            Bounded.get(leader.leads(), Members.BOUND, "a to lead");
            ProtocolParticipant next = clients.join(at(1), group, "b");
            Bounded.get(next.knowsLeader(), Members.BOUND, "b to join");
            pause(Duration.ofMillis(ThreadLocalRandom.current().nextInt(2000)));
            long start = System.nanoTime();
            instances.get(0).kill();
            samples.add(millis(start, Bounded.get(next.leads(), Duration.ofSeconds(60), "b to lead")));
            next.leave();
            instances.set(0, start(1));
        }
        rows.add(new Row("the leader's instance is killed: until the member on another instance is told it leads",
                "", samples, "bound lease + renew-interval + poll-interval = 13 s"));
    }

    /**
     * Riak requests per second of one instance at rest, with {@code groups} idle groups: spread over
     * the three instances, one member each, or {@code shared}, a member on every instance.
     */
    private void idleLoad(List<Integer> sizes, boolean shared) throws Exception {
        for (int groups : sizes) {
            try (ProtocolClients clients = new ProtocolClients()) {
                List<ProtocolParticipant> members = new ArrayList<>();
                String prefix = Groups.next(shared ? "shared" : "idle");
                for (int g = 0; g < groups; g++) {
                    for (int instance = 0; instance < 3; instance++) {
                        if (shared || g % 3 == instance) {
                            members.add(clients.join(at(instance), prefix + "-" + g, "m" + instance));
                        }
                    }
                }
                for (ProtocolParticipant member : members) {
                    Bounded.get(member.knowsLeader(), Members.BOUND, "an idle member to join");
                }
                pause(Duration.ofSeconds(5));
                List<Double> samples = new ArrayList<>();
                for (ServiceProcess instance : instances) {
                    samples.add(requestsPerSecond(instance.pid(), Duration.ofSeconds(20)));
                }
                rows.add(new Row(String.format(Locale.ROOT, "at rest, %,d idle groups %s: Riak requests per second,"
                                + " per instance", groups, shared ? "each with a member on all 3 instances"
                                : "spread over the 3 instances, one member each"), "/s", samples,
                        shared ? "formula: 0.5 + 1 + 2 + S / 10 s, S <= 64 shards" : "formula: 0.5 + 1 + 2 = 3.5"));
                if (!shared && groups == sizes.get(sizes.size() - 1)) {
                    introspection(groups, prefix);
                }
                members.forEach(ProtocolParticipant::leave);
            }
            pause(Duration.ofSeconds(3));
        }
    }

    /**
     * {@code leader-latch groups} with {@code groups} groups in the cluster, asked of one instance
     * (the admin tool attaching to it, as the script does), beside {@code status}, which attaches
     * and reads no store, for what attaching costs.
     */
    private void introspection(int groups, String prefix) {
        String pid = Long.toString(instances.get(0).pid());
        List<Double> status = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        List<Double> one = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            long start = System.nanoTime();
            AdminCommands.run("status", pid);
            status.add(millis(start, System.nanoTime()));
            start = System.nanoTime();
            String listing = AdminCommands.run("groups", pid, "--json");
            all.add(millis(start, System.nanoTime()));
            int listed = listing.split("\\{\"name\":", -1).length - 1;
            if (listed < groups) {
                throw new BenchFailure("groups listed " + listed + " of " + groups + " groups");
            }
            start = System.nanoTime();
            String named = AdminCommands.run("groups", pid, prefix + "-" + i);
            one.add(millis(start, System.nanoTime()));
            if (!named.startsWith(prefix + "-" + i + "  term ")) {
                throw new BenchFailure("groups " + prefix + "-" + i + " printed: " + named);
            }
        }
        rows.add(new Row("leader-latch status, for comparison: attach to one instance, no store read", "", status, ""));
        rows.add(new Row(String.format(Locale.ROOT, "leader-latch groups --json, %,d groups over the 3 instances,"
                + " asked of one: every group, read from Riak", groups), "", all, "64 reads, no write"));
        rows.add(new Row("leader-latch groups NAME: one of them", "", one, "1 read, no write"));
    }

    /** Store requests of the instance over {@code window}, read from its meters through the admin tool. */
    private static double requestsPerSecond(long pid, Duration window) throws Exception {
        long before = storeRequests(pid);
        long start = System.nanoTime();
        pause(window);
        long after = storeRequests(pid);
        return (after - before) / ((System.nanoTime() - start) / 1e9);
    }

    private static long storeRequests(long pid) throws IOException, InterruptedException {
        Process admin = ChildJvm.of("io.leaderlatch.admin.AdminTool").args("metrics", Long.toString(pid)).start();
        String output = new String(admin.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!admin.waitFor(60, TimeUnit.SECONDS) || admin.exitValue() != 0) {
            throw new BenchFailure("metrics of " + pid + " failed: " + output);
        }
        long total = 0;
        for (String line : output.split("\n")) {
            if (line.startsWith("leaderlatch.store.requests{")) {
                int count = line.indexOf("count=");
                total += Long.parseLong(line.substring(count + 6, line.indexOf(' ', count)));
            }
        }
        return total;
    }

    private String table() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Real Riak KV 3.2.1, 3 nodes (%s), %s; three instances at the default"
                        + " settings, each beside one node; %s.%n%n", riak.endpoints().size() + " endpoints",
                MachineInfo.describe(), LocalDate.now()));
        text.append("| Scenario | median | max | samples | note |\n|---|---|---|---|---|\n");
        rows.forEach(row -> text.append(row.markdown()).append('\n'));
        text.append("\nTimes in milliseconds; request rates in requests per second (one sample per instance).\n");
        return text.toString();
    }

    private static double millis(long from, long to) {
        return (to - from) / 1e6;
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

package io.leaderlatch.chaos;

import io.leaderlatch.testing.StoredGroups;
import io.leaderlatch.testing.riak.RiakTestCluster;
import io.leaderlatch.testing.riak.RiakTestNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs one seeded {@link Schedule} against service instances in their own JVMs on a Riak test
 * cluster (instance i on node i), with clients in this JVM and in a {@link ClientProcess}; checks
 * after every heal that the groups settle ({@link Settled}) and at the end that no two leaderships
 * of a group overlapped ({@link Checker}).
 */
final class Harness implements AutoCloseable {

    private static final String BUCKET_TYPE = "strong";
    private static final String BUCKET = "leader_latch";
    private static final Duration START_PATIENCE = Duration.ofSeconds(90);

    private final ChaosOptions options;
    private final Path dir;
    private final History history = new History();
    private final RiakTestCluster cluster;
    private final InstanceProcess[] instances;
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "chaos-prober");
        thread.setDaemon(true);
        return thread;
    });
    private final List<ChaosClient> clients = new ArrayList<>();
    private ClientProcessHandle clientProcess;
    private int pausedInstance = -1;
    private long pausedSince;
    private int starts;
    private int names;

    Harness(ChaosOptions options, Path dir) {
        this.options = options;
        this.dir = createDirectories(dir);
        this.cluster = RiakTestCluster.start(options.instances());
        this.instances = new InstanceProcess[options.instances()];
        try {
            for (int i = 0; i < instances.length; i++) {
                instances[i] = startInstance(i);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ChaosReport run() {
        if (options.world() != World.SOUND) {
            options.world().breakIt(cluster);
            history.fault("the store breaks Riak's rules from now on: " + options.world());
        }
        Schedule schedule = new Schedule(options.seed(), options.instances(), options.groups());
        long deadline = System.nanoTime() + options.maxRunTime().toNanos();
        List<Violation> violations = new ArrayList<>();
        int rounds = 0;
        int events = 0;
        int faults = 0;
        Duration slowest = Duration.ZERO;
        while (rounds < options.rounds() && System.nanoTime() - deadline < 0 && violations.isEmpty()) {
            rounds++;
            for (Event event : schedule.nextRound()) {
                if (event instanceof Event.Wait wait) {
                    pace(wait.duration());
                    continue;
                }
                events++;
                if (event instanceof Event.Fault fault) {
                    faults++;
                    apply(fault);
                } else if (event instanceof Event.Heal) {
                    heal();
                    long started = System.nanoTime();
                    settle().ifPresent(violations::add);
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    slowest = took.compareTo(slowest) > 0 ? took : slowest;
                } else {
                    act(event);
                }
            }
        }
        endClients();
        Checker.Result result = new Checker(ChaosOptions.CONFIRMATION_WINDOW).check(history, System.nanoTime());
        violations.addAll(result.violations());
        return new ChaosReport(options.seed(), rounds, events, faults, result.leaderships(), rounds, slowest,
                violations);
    }

    /** The schedule's pause between events: pacing, not waiting for a condition. */
    private static void pace(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void act(Event event) {
        if (event instanceof Event.Join join) {
            join(join.group(), join.instance(), join.inClientProcess());
        } else if (event instanceof Event.Burst burst) {
            CountDownLatch together = new CountDownLatch(burst.size());
            for (int i = 0; i < burst.size(); i++) {
                joinInThisJvm(burst.group(), (burst.firstInstance() + i) % instances.length, together);
            }
        } else if (event instanceof Event.Close close) {
            pick(close.pick()).ifPresent(ChaosClient::close);
        } else if (event instanceof Event.Reset reset) {
            pick(reset.pick()).ifPresent(ChaosClient::reset);
        } else if (event instanceof Event.KillClientProcess && clientProcess != null) {
            clientProcess.kill(history);
            clientProcess = null;
        }
    }

    private void join(int group, int instance, boolean inClientProcess) {
        if (!inClientProcess) {
            joinInThisJvm(group, instance, new CountDownLatch(0));
        } else if (room()) {
            int target = running(instance);
            String name = place(group, target);
            if (clientProcess == null) {
                clientProcess = ClientProcessHandle.start(ChaosOptions.PROBE_EVERY,
                        dir.resolve("client-process-" + name + ".err"), history);
            }
            clientProcess.join(name, "g" + group, instances[target].port());
        }
    }

    private void joinInThisJvm(int group, int instance, CountDownLatch together) {
        if (!room()) {
            together.countDown();
            return;
        }
        int target = running(instance);
        ChaosClient client = new ChaosClient(place(group, target), "g" + group,
                new InetSocketAddress("127.0.0.1", instances[target].port()), history, prober, ChaosOptions.PROBE_EVERY);
        clients.add(client);
        client.start(together);
    }

    private boolean room() {
        clients.removeIf(ChaosClient::ended);
        int processClients = clientProcess == null ? 0 : clientProcess.clients().size();
        return clients.size() + processClients < options.maxClients();
    }

    /** The instance, or if it was killed the next one that runs. */
    private int running(int instance) {
        int target = instance;
        while (instances[target] == null) {
            target = (target + 1) % instances.length;
        }
        return target;
    }

    /** A new client name, placed in the group on the instance. */
    private String place(int group, int instance) {
        String name = "c" + ++names;
        history.place(name, "g" + group, instance);
        return name;
    }

    /** An open client of this JVM chosen by {@code pick}, in name order so a seed picks the same one. */
    private Optional<ChaosClient> pick(int pick) {
        List<ChaosClient> open = clients.stream().filter(c -> !c.ended())
                .sorted(Comparator.comparing(ChaosClient::name)).toList();
        return open.isEmpty() ? Optional.empty() : Optional.of(open.get(pick % open.size()));
    }

    private void apply(Event.Fault fault) {
        history.fault(fault.toString());
        if (fault instanceof Event.KillInstance kill) {
            if (instances[kill.instance()] != null && liveInstances() > 1) {
                instances[kill.instance()].kill();
                instances[kill.instance()] = null;
            }
        } else if (fault instanceof Event.CutOff cut) {
            node(cut.instance()).cutOff();
        } else if (fault instanceof Event.StoreDown) {
            cluster.answerUnavailableAll();
        } else if (fault instanceof Event.Latency latency) {
            node(latency.instance()).latency(latency.delay());
        } else if (fault instanceof Event.ApplyThenTimeout timeout) {
            node(timeout.instance()).applyThenTimeout(timeout.writes());
        } else if (fault instanceof Event.Pause pause && instances[pause.instance()] != null) {
            pausedSince = System.nanoTime();
            pausedInstance = pause.instance();
            instances[pause.instance()].pause();
        }
    }

    private void heal() {
        cluster.restoreAll();
        if (pausedInstance >= 0) {
            instances[pausedInstance].resume();
            history.paused(pausedInstance, pausedSince, System.nanoTime());
            pausedInstance = -1;
        }
        for (int i = 0; i < instances.length; i++) {
            if (instances[i] == null) {
                cluster.keepRiaksRules(); // else a new instance may refuse to start
                instances[i] = startInstance(i);
                options.world().breakIt(cluster);
            }
        }
        history.fault("healed");
    }

    /** Waits for every group to settle; a violation if they do not within the bound. */
    private Optional<Violation> settle() {
        long deadline = System.nanoTime() + ChaosOptions.SETTLE_BOUND.toNanos();
        Optional<Settled.Unsettled> problem = Settled.problem(history, this::recordMembers);
        while (problem.isPresent() && System.nanoTime() - deadline < 0) {
            pace(Duration.ofMillis(50));
            problem = Settled.problem(history, this::recordMembers);
        }
        return problem.map(unsettled -> {
            long now = System.nanoTime();
            List<Entry> recent = history.entries().stream()
                    .filter(e -> e.nanos() - (now - ChaosOptions.SETTLE_BOUND.toNanos()) >= 0)
                    .filter(e -> e.kind() != Entry.Kind.PROBE_SENT && !e.detail().startsWith("ALREADY_JOINED"))
                    .sorted(Comparator.comparingLong(Entry::nanos)).toList();
            return new Violation("liveness", unsettled.group(), "not settled " + ChaosOptions.SETTLE_BOUND.toMillis()
                    + " ms after the heal: " + unsettled.why(), recent.subList(Math.max(0, recent.size() - 60), recent.size()));
        });
    }

    /** The client names in a group's record, read straight from the test cluster's state. */
    private List<String> recordMembers(String group) {
        return StoredGroups.clients(cluster, BUCKET_TYPE, BUCKET, group);
    }

    private void endClients() {
        clients.forEach(ChaosClient::close);
        if (clientProcess != null) {
            clientProcess.kill(history);
            clientProcess = null;
        }
    }

    private RiakTestNode node(int instance) {
        return cluster.node(instance);
    }

    private int liveInstances() {
        return (int) Arrays.stream(instances).filter(i -> i != null).count();
    }

    private InstanceProcess startInstance(int index) {
        return InstanceProcess.start("instance" + index + "-" + ++starts, cluster.endpoints().get(index),
                ChaosOptions.instanceSettings(), dir, START_PATIENCE);
    }

    @Override
    public void close() {
        if (pausedInstance >= 0 && instances[pausedInstance] != null) {
            instances[pausedInstance].resume();
        }
        for (InstanceProcess instance : instances) {
            if (instance != null) {
                instance.kill();
            }
        }
        if (clientProcess != null) {
            clientProcess.kill(history);
        }
        prober.shutdownNow();
        cluster.close();
    }
}

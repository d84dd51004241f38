package io.leaderlatch.chaos;

import io.leaderlatch.testing.InstanceProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
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

/**
 * Runs one seeded {@link Schedule} against service instances in their own JVMs beside the nodes
 * of a {@link Backend} (instance i beside node i), with clients in this JVM and in a
 * {@link ClientProcess}; checks after every heal that the groups settle ({@link Settled}) and at
 * the end that no two leaderships of a group overlapped ({@link Checker}).
 */
final class Harness implements AutoCloseable, Rounds.Driver {

    private static final Duration START_PATIENCE = Duration.ofSeconds(90);
    /** A member that comes back after its instance died tries again this long after NAME_IN_USE. */
    private static final Duration RETURN_RETRY = Duration.ofMillis(500);

    private final ChaosOptions options;
    private final Path dir;
    private final History history = new History();
    private final Backend backend;
    private final InstanceProcess[] instances;
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "chaos-prober");
        thread.setDaemon(true);
        return thread;
    });
    private final List<ChaosClient> clients = new ArrayList<>();
    private ClientProcessHandle clientProcess;
    /** Members coming back under their own names, and their current connections. */
    private final List<Returning> returning = new ArrayList<>();
    private int pausedInstance = -1;
    private long pausedSince;
    private int starts;
    private int names;

    /** A run on the Riak protocol test server. */
    Harness(ChaosOptions options, Path dir) {
        this(options, dir, new TestServerBackend(options.instances(), options.world()));
    }

    Harness(ChaosOptions options, Path dir, Backend backend) {
        this.options = options;
        this.dir = createDirectories(dir);
        this.backend = backend;
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
            backend.instanceStarted();
            history.fault("the store breaks Riak's rules from now on: " + options.world());
        }
        Schedule schedule = new Schedule(options.seed(), options.instances(), options.groups(), backend.storeFaults());
        return Rounds.run(options, schedule, history, this);
    }

    @Override
    public void act(Event event) {
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
        startClient(place(group, target), "g" + group, target, together);
    }

    private ChaosClient startClient(String actor, String group, int instance, CountDownLatch together) {
        ChaosClient client = new ChaosClient(actor, group,
                new InetSocketAddress("127.0.0.1", instances[instance].port()), history, prober, ChaosOptions.PROBE_EVERY);
        clients.add(client);
        client.start(together);
        return client;
    }

    /**
     * A member of a killed instance comes back under its own client name on another instance, as
     * a client whose connection the dead host's kernel reset does; it joins again after each
     * NAME_IN_USE ({@link #tendReturning}) until it is answered otherwise.
     */
    private final class Returning {
        private final String name;
        private final String group;
        private int incarnation = 1;
        private ChaosClient current;
        private long retryAt;

        Returning(String name, String group) {
            this.name = name;
            this.group = group;
            comeBack();
        }

        private void comeBack() {
            incarnation++;
            int target = running(Math.floorMod(name.hashCode() + incarnation, instances.length));
            String actor = name + "~" + incarnation;
            history.place(actor, group, target);
            current = startClient(actor, group, target, new CountDownLatch(0));
        }

        /** True while it still has to try again. */
        boolean tend(long now) {
            if (!current.ended()) {
                return false; // answered, or still waiting for its answer: the connection is open
            }
            boolean refusedName = history.entries().stream().anyMatch(entry -> entry.actor().equals(current.name())
                    && entry.kind() == Entry.Kind.LINE && entry.detail().equals("JOIN_FAILED NAME_IN_USE"));
            if (!refusedName) {
                return false; // it was answered otherwise, or its instance went too
            }
            if (retryAt == 0) {
                retryAt = now + RETURN_RETRY.toNanos();
            } else if (now - retryAt >= 0) {
                retryAt = 0;
                comeBack();
            }
            return true;
        }
    }

    /** Lets every member that came back after its instance died join again after a NAME_IN_USE. */
    @Override
    public void tend() {
        long now = System.nanoTime();
        returning.removeIf(member -> !member.tend(now));
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

    @Override
    public void apply(Event.Fault fault) {
        history.fault(fault.toString());
        if (fault instanceof Event.KillInstance kill) {
            if (instances[kill.instance()] != null && liveInstances() > 1) {
                List<ChaosClient> onIt = clients.stream()
                        .filter(client -> !client.ended() && placedOn(client.name()) == kill.instance()).toList();
                instances[kill.instance()].kill();
                instances[kill.instance()] = null;
                if (kill.membersReturn()) {
                    onIt.forEach(client -> returning.add(new Returning(Entry.clientName(client.name()),
                            history.placements().get(client.name()).group())));
                }
            }
        } else if (fault instanceof Event.Pause pause) {
            if (instances[pause.instance()] != null) {
                pausedSince = System.nanoTime();
                pausedInstance = pause.instance();
                instances[pause.instance()].pause();
            }
        } else {
            backend.inject(fault);
        }
    }

    private int placedOn(String actor) {
        History.Placement placement = history.placements().get(actor);
        return placement == null ? -1 : placement.instance();
    }

    @Override
    public void heal() {
        backend.heal();
        if (pausedInstance >= 0) {
            instances[pausedInstance].resume();
            history.paused(pausedInstance, pausedSince, System.nanoTime());
            pausedInstance = -1;
        }
        for (int i = 0; i < instances.length; i++) {
            if (instances[i] == null) {
                backend.instanceStarting();
                instances[i] = startInstance(i);
                backend.instanceStarted();
            }
        }
        history.fault("healed");
    }

    /** Waits for every group to settle; a violation if they do not within the bound. */
    @Override
    public Optional<Violation> settle(OverlapWatch overlap) {
        long deadline = System.nanoTime() + ChaosOptions.SETTLE_BOUND.toNanos();
        Optional<Settled.Unsettled> problem = Settled.problem(history, this::recordMembers);
        while (problem.isPresent() && System.nanoTime() - deadline < 0 && !overlap.seen()) {
            Rounds.pace(Duration.ofMillis(50));
            tend();
            problem = Settled.problem(history, this::recordMembers);
        }
        if (overlap.seen()) {
            return Optional.empty(); // the run has failed already; the final check says how
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

    /** The client names in a group's record, read from the backend. */
    private List<String> recordMembers(String group) {
        return backend.recordMembers(group);
    }

    @Override
    public void endClients() {
        clients.forEach(ChaosClient::close);
        if (clientProcess != null) {
            clientProcess.kill(history);
            clientProcess = null;
        }
    }

    private int liveInstances() {
        return (int) Arrays.stream(instances).filter(i -> i != null).count();
    }

    private InstanceProcess startInstance(int index) {
        return InstanceProcess.start("instance" + index + "-" + ++starts, backend.endpoint(index),
                ChaosOptions.instanceSettings() + backend.settings(), dir, START_PATIENCE);
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
        backend.close();
    }
}

package io.leaderlatch.chaos;

import io.leaderlatch.testing.riak.RiakServerMain;
import io.leaderlatch.election.ShardRecordCodec;
import io.leaderlatch.testing.ChildJvm;
import io.leaderlatch.testing.InstanceProcess;
import io.leaderlatch.testing.net.TestNetwork;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checker with hosts that vanish and networks that split: every instance, the Riak protocol
 * test server and two client processes each on a host of their own (a network namespace) on one
 * LAN. Faults: a client host or an instance host vanishes (port down, process frozen), a client
 * host is cut from one instance, an instance from Riak, an instance from the other instances (its
 * change hints); instances killed and paused as in {@link Harness}. The same checks: one leader per
 * group (a client that cannot hear from its instance is held only to what its confirmations
 * vouch for), and every group settled after each heal. Needs root ({@link TestNetwork}).
 */
final class HostChaos implements AutoCloseable, Rounds.Driver {

    static final int CLIENT_HOSTS = 2;
    private static final int PORT = 5323;
    private static final Duration START_PATIENCE = Duration.ofSeconds(90);
    private static final String BUCKET_TYPE = "strong";
    private static final String BUCKET = "leader_latch";

    private final ChaosOptions options;
    private final Path dir;
    private final History history = new History();
    private final TestNetwork network = new TestNetwork();
    private final TestNetwork.Host riakHost;
    private final TestNetwork.Host[] instanceHosts;
    private final TestNetwork.Host[] clientHosts = new TestNetwork.Host[CLIENT_HOSTS];
    private final InstanceProcess[] instances;
    private final ClientProcessHandle[] clients = new ClientProcessHandle[CLIENT_HOSTS];
    /** Which client host each actor is on, and which of them are open (as the harness last knew). */
    private final Map<String, Integer> hostOf = new HashMap<>();
    private final List<String> actors = new ArrayList<>();
    private Process riak;
    private PrintStream riakCommands;
    private BufferedReader riakAnswers;
    private List<Integer> riakPorts;
    /** The fault in force, and since when: undone, and recorded, at the heal. */
    private Event.Fault fault;
    private long faultSince;
    private int starts;
    private int names;

    HostChaos(ChaosOptions options, Path dir) {
        this.options = options;
        this.dir = dir;
        this.instances = new InstanceProcess[options.instances()];
        this.instanceHosts = new TestNetwork.Host[options.instances()];
        try {
            Files.createDirectories(dir);
            riakHost = network.lanHost("riak");
            for (int i = 0; i < instances.length; i++) {
                instanceHosts[i] = network.lanHost("i" + i);
            }
            for (int k = 0; k < CLIENT_HOSTS; k++) {
                clientHosts[k] = network.lanHost("c" + k);
            }
            startRiak();
            for (int i = 0; i < instances.length; i++) {
                instances[i] = startInstance(i);
            }
            for (int k = 0; k < CLIENT_HOSTS; k++) {
                clients[k] = startClients(k);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private void startRiak() throws IOException {
        riak = ChildJvm.of(RiakServerMain.class).jvmOptions("-Xmx256m")
                .args(Integer.toString(instances.length), "0", "0", "0", "0.0.0.0")
                .wrap(riakHost::exec).errorsTo(dir.resolve("riak.err")).start();
        riakCommands = new PrintStream(riak.getOutputStream(), true, StandardCharsets.US_ASCII);
        riakAnswers = new BufferedReader(new InputStreamReader(riak.getInputStream(), StandardCharsets.US_ASCII));
        for (String line = riakAnswers.readLine(); line != null; line = riakAnswers.readLine()) {
            if (line.startsWith("ENDPOINTS ")) {
                riakPorts = Arrays.stream(line.substring("ENDPOINTS ".length()).split(" ")).map(Integer::valueOf).toList();
                return;
            }
        }
        throw new IllegalStateException("the Riak test server did not start: " + Files.readString(dir.resolve("riak.err")));
    }

    private InstanceProcess startInstance(int i) {
        TestNetwork.Host host = instanceHosts[i];
        String address = network.lanAddress(host);
        String settings = ChaosOptions.instanceSettings() + String.join("\n",
                "leader-latch.riak.endpoints = [\"" + network.lanAddress(riakHost) + ":" + riakPorts.get(i) + "\"]",
                "leader-latch.election.hints.bind = \"" + address + ":0\"", "");
        return InstanceProcess.start("instance" + i + "-" + ++starts,
                List.of("listener.leader_latch.lan = " + address + ":" + PORT), settings, dir, START_PATIENCE,
                host::exec, new InetSocketAddress(address, PORT));
    }

    private ClientProcessHandle startClients(int k) {
        return ClientProcessHandle.start(ChaosOptions.PROBE_EVERY, dir.resolve("clients" + k + "-" + ++starts + ".err"),
                history, clientHosts[k]::exec);
    }

    ChaosReport run() {
        Schedule schedule = new Schedule(options.seed(), instances.length, options.groups(), List.of(
                Event.ClientHostVanishes.class, Event.ClientCutFromInstance.class, Event.InstanceHostVanishes.class,
                Event.InstanceCutFromRiak.class, Event.HintsCut.class));
        return Rounds.run(options, schedule, history, this);
    }

    @Override
    public void endClients() {
        // Killed at close; the check counts each as open until then, as the end of the run.
    }

    @Override
    public void act(Event event) {
        if (event instanceof Event.Join join) {
            join(join.group(), join.instance(), (join.group() + join.instance()) % CLIENT_HOSTS);
        } else if (event instanceof Event.Burst burst) {
            for (int i = 0; i < burst.size(); i++) {
                join(burst.group(), (burst.firstInstance() + i) % instances.length, i % CLIENT_HOSTS);
            }
        } else if (event instanceof Event.Close close) {
            pick(close.pick()).ifPresent(actor -> clients[hostOf.get(actor)].close(actor));
        } else if (event instanceof Event.Reset reset) {
            pick(reset.pick()).ifPresent(actor -> clients[hostOf.get(actor)].reset(actor));
        } else if (event instanceof Event.KillClientProcess) {
            int k = names % CLIENT_HOSTS;
            if (!frozenClientHost(k)) {
                clients[k].kill(history);
                clients[k] = startClients(k);
            }
        }
    }

    private void join(int group, int instance, int clientHost) {
        if (open().size() >= options.maxClients() || frozenClientHost(clientHost)) {
            return;
        }
        int target = instance;
        while (instances[target] == null) {
            target = (target + 1) % instances.length;
        }
        String actor = "c" + ++names;
        history.place(actor, "g" + group, target);
        hostOf.put(actor, clientHost);
        actors.add(actor);
        clients[clientHost].join(actor, "g" + group, network.lanAddress(instanceHosts[target]), PORT);
    }

    private boolean frozenClientHost(int k) {
        return fault instanceof Event.ClientHostVanishes vanished && vanished.host() == k;
    }

    /** The open actors, in name order, so that a seed picks the same one. */
    private List<String> open() {
        List<Entry> entries = history.entries();
        return actors.stream().filter(actor -> entries.stream().noneMatch(e -> e.actor().equals(actor)
                        && (e.kind() == Entry.Kind.EOF || e.kind() == Entry.Kind.CLOSING || e.kind() == Entry.Kind.KILLED)))
                .filter(actor -> !frozenClientHost(hostOf.get(actor)))
                .sorted(Comparator.naturalOrder()).toList();
    }

    private Optional<String> pick(int pick) {
        List<String> open = open();
        return open.isEmpty() ? Optional.empty() : Optional.of(open.get(pick % open.size()));
    }

    @Override
    public void apply(Event.Fault injected) {
        history.fault(injected.toString());
        fault = injected;
        faultSince = System.nanoTime();
        if (injected instanceof Event.KillInstance kill) {
            if (instances[kill.instance()] != null && live() > 1) {
                instances[kill.instance()].kill();
                instances[kill.instance()] = null;
            }
        } else if (injected instanceof Event.Pause pause && instances[pause.instance()] != null) {
            instances[pause.instance()].freeze();
        } else if (injected instanceof Event.ClientHostVanishes vanished) {
            network.unplug(clientHosts[vanished.host()]);
            clients[vanished.host()].freeze();
        } else if (injected instanceof Event.ClientCutFromInstance cut) {
            network.cut(clientHosts[cut.host()], instanceHosts[cut.instance()]);
        } else if (injected instanceof Event.InstanceHostVanishes vanished && instances[vanished.instance()] != null) {
            network.unplug(instanceHosts[vanished.instance()]);
            instances[vanished.instance()].freeze();
        } else if (injected instanceof Event.InstanceCutFromRiak cut) {
            network.cut(instanceHosts[cut.instance()], riakHost);
        } else if (injected instanceof Event.HintsCut cut) {
            for (int other = 0; other < instances.length; other++) {
                if (other != cut.instance()) {
                    network.cut(instanceHosts[cut.instance()], instanceHosts[other]);
                }
            }
        }
    }

    @Override
    public void heal() {
        long now = System.nanoTime();
        network.healLan();
        if (fault instanceof Event.Pause pause && instances[pause.instance()] != null) {
            instances[pause.instance()].thaw();
            history.paused(pause.instance(), faultSince, now);
        } else if (fault instanceof Event.InstanceHostVanishes vanished && instances[vanished.instance()] != null) {
            instances[vanished.instance()].thaw();
            history.paused(vanished.instance(), faultSince, now);
        } else if (fault instanceof Event.ClientHostVanishes vanished) {
            clients[vanished.host()].thaw();
            hostOf.forEach((actor, host) -> {
                if (host == vanished.host()) {
                    history.clientCut(actor, faultSince, now);
                }
            });
        } else if (fault instanceof Event.ClientCutFromInstance cut) {
            hostOf.forEach((actor, host) -> {
                if (host == cut.host() && history.placements().get(actor).instance() == cut.instance()) {
                    history.clientCut(actor, faultSince, now);
                }
            });
        }
        fault = null;
        for (int i = 0; i < instances.length; i++) {
            if (instances[i] == null) {
                instances[i] = startInstance(i);
            }
        }
        history.fault("healed");
    }

    @Override
    public Optional<Violation> settle(OverlapWatch overlap) {
        long deadline = System.nanoTime() + ChaosOptions.SETTLE_BOUND.toNanos();
        Optional<Settled.Unsettled> problem = Settled.problem(history, this::recordMembers);
        while (problem.isPresent() && System.nanoTime() - deadline < 0 && !overlap.seen()) {
            Rounds.pace(Duration.ofMillis(100));
            problem = Settled.problem(history, this::recordMembers);
        }
        if (overlap.seen()) {
            return Optional.empty(); // the run has failed already; the final check says how
        }
        return problem.map(unsettled -> new Violation("liveness", unsettled.group(), "not settled "
                + ChaosOptions.SETTLE_BOUND.toMillis() + " ms after the heal: " + unsettled.why(), recent()));
    }

    private List<Entry> recent() {
        // From the last fault on: what a liveness violation after a heal needs is what the fault did.
        long settleStart = System.nanoTime() - ChaosOptions.SETTLE_BOUND.toNanos();
        long since = faultSince - settleStart < 0 ? faultSince : settleStart;
        List<Entry> recent = history.entries().stream().filter(e -> e.nanos() - since >= 0)
                .filter(e -> e.kind() != Entry.Kind.PROBE_SENT && !e.detail().startsWith("ALREADY_JOINED"))
                .sorted(Comparator.comparingLong(Entry::nanos)).toList();
        return recent.subList(Math.max(0, recent.size() - 60), recent.size());
    }

    /** The client names in a group's record, asked of the Riak test server over its standard input. */
    private synchronized List<String> recordMembers(String group) {
        try {
            riakCommands.println("GET " + BUCKET_TYPE + " " + BUCKET + " " + ShardRecordCodec.keyOf(group));
            String answer = riakAnswers.readLine();
            if (answer == null || !answer.startsWith("VALUE ")) {
                return List.of();
            }
            return ShardRecordCodec.clients(Base64.getDecoder().decode(answer.substring("VALUE ".length())), group);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int live() {
        return (int) Arrays.stream(instances).filter(i -> i != null).count();
    }

    @Override
    public void close() {
        for (ClientProcessHandle handle : clients) {
            if (handle != null) {
                handle.thaw();
                handle.kill(history);
            }
        }
        for (InstanceProcess instance : instances) {
            if (instance != null) {
                instance.thaw();
                instance.kill();
            }
        }
        if (riak != null) {
            riak.destroyForcibly();
        }
        network.close();
    }
}

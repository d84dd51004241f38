package io.leaderlatch.chaos;

import io.leaderlatch.testing.riak.RiakServerMain;
import io.leaderlatch.client.JoinCommand;
import io.leaderlatch.testing.ChildJvm;
import io.leaderlatch.testing.InstanceProcess;
import io.leaderlatch.testing.Timing;
import io.leaderlatch.testing.net.TestNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two service instances on hosts of their own, the Riak protocol test server on a third, a Java
 * client member ({@code leader-latch join}) and raw members on two more; the instance hosts
 * vanish or lose parts of the network. Default election settings unless said: lease 10 s,
 * renew-interval 2 s, poll-interval 1 s, fence-margin 2 s.
 */
class VanishingInstanceHostTest {

    private static final Duration LEASE = Duration.ofSeconds(10);
    private static final Duration RENEW = Duration.ofSeconds(2);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration WINDOW = Duration.ofSeconds(2);
    private static final Duration NEVER = Duration.ofDays(1);
    private static final int PORT = 5323;

    @TempDir
    Path dir;

    private TestNetwork network;
    private TestNetwork.Host riakHost;
    private TestNetwork.Host[] instanceHosts;
    private TestNetwork.Host javaHost;
    private TestNetwork.Host rawHost;
    private TestNetwork.Link[] toRiak;
    private TestNetwork.Link between;
    private TestNetwork.Link[] javaLinks;
    private TestNetwork.Link[] rawLinks;
    private Process riak;
    private List<Integer> riakPorts;
    private final InstanceProcess[] instances = new InstanceProcess[2];
    private Process javaClient;
    private Path javaOutput;
    private ClientProcessHandle raw;
    private final History history = new History();

    @BeforeEach
    void buildNetwork() throws IOException {
        Assumptions.assumeTrue(TestNetwork.available(), "needs root and iproute2 for network namespaces");
        network = new TestNetwork();
        riakHost = network.host("riak");
        instanceHosts = new TestNetwork.Host[] {network.host("i0"), network.host("i1")};
        javaHost = network.host("java");
        rawHost = network.host("raw");
        toRiak = new TestNetwork.Link[] {network.link(instanceHosts[0], riakHost), network.link(instanceHosts[1], riakHost)};
        between = network.link(instanceHosts[0], instanceHosts[1]);
        javaLinks = new TestNetwork.Link[] {network.link(instanceHosts[0], javaHost), network.link(instanceHosts[1], javaHost)};
        rawLinks = new TestNetwork.Link[] {network.link(instanceHosts[0], rawHost), network.link(instanceHosts[1], rawHost)};
        startRiak();
        raw = ClientProcessHandle.start(NEVER, dir.resolve("raw.err"), history, rawHost::exec);
    }

    @AfterEach
    void tearDown() {
        if (raw != null) {
            raw.kill(history);
        }
        if (javaClient != null) {
            javaClient.destroyForcibly();
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
        if (network != null) {
            network.close();
        }
    }

    private void startRiak() throws IOException {
        riak = ChildJvm.of(RiakServerMain.class).jvmOptions("-Xmx256m").args("2", "0", "0", "0", "0.0.0.0")
                .wrap(riakHost::exec).errorsTo(dir.resolve("riak.err")).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(riak.getInputStream(), StandardCharsets.US_ASCII));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("ENDPOINTS ")) {
                riakPorts = Arrays.stream(line.substring("ENDPOINTS ".length()).split(" ")).map(Integer::valueOf).toList();
                return;
            }
        }
        throw new IllegalStateException("the Riak test server did not start: " + Files.readString(dir.resolve("riak.err")));
    }

    private InstanceProcess startInstance(int i, String extraSettings) {
        TestNetwork.Host host = instanceHosts[i];
        String riakNode = toRiak[i].addressOf(riakHost) + ":" + riakPorts.get(i);
        String settings = String.join("\n",
                "leader-latch.store.type = riak",
                "leader-latch.riak.endpoints = [\"" + riakNode + "\"]",
                "leader-latch.election.hints.bind = \"" + between.addressOf(host) + ":0\"",
                "leader-latch.metrics.jmx-enabled = false",
                extraSettings, "");
        List<String> riakConf = List.of(
                "listener.leader_latch.java = " + javaLinks[i].addressOf(host) + ":" + PORT,
                "listener.leader_latch.raw = " + rawLinks[i].addressOf(host) + ":" + PORT);
        instances[i] = InstanceProcess.start("i" + i, riakConf, settings, dir, Timing.seconds(60), host::exec,
                new InetSocketAddress(javaLinks[i].addressOf(host), PORT));
        return instances[i];
    }

    private void startJavaClient(String group, String client) throws IOException {
        String endpoints = javaLinks[0].addressOf(instanceHosts[0]) + ":" + PORT + ","
                + javaLinks[1].addressOf(instanceHosts[1]) + ":" + PORT;
        javaOutput = dir.resolve("java-client.out");
        javaClient = ChildJvm.of(JoinCommand.class).jvmOptions("-Xmx64m").args(group, client, "--endpoints", endpoints)
                .wrap(javaHost::exec).logTo(javaOutput).start();
    }

    /** When the Java client last printed {@code what}, with or without a term after it (wall clock), if it has. */
    private Optional<Instant> javaPrinted(String what) {
        try {
            if (!Files.exists(javaOutput)) {
                return Optional.empty();
            }
            return Files.readAllLines(javaOutput).stream()
                    .filter(line -> line.endsWith(" " + what) || line.contains(" " + what + " (term "))
                    .map(line -> Instant.parse(line.substring(0, line.indexOf(' ')))).reduce((a, b) -> b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void joinRaw(String name, String group, int instance) {
        history.place(name, group, instance);
        raw.join(name, group, rawLinks[instance].addressOf(instanceHosts[instance]), PORT);
    }

    /** The moment the raw client first read {@code line}, on the wall clock. */
    private Instant awaitRaw(String client, String line, Duration bound) {
        await().atMost(bound).until(() -> rawLine(client, line).isPresent());
        return rawLine(client, line).orElseThrow();
    }

    private Optional<Instant> rawLine(String client, String line) {
        // Entries carry System.nanoTime(), the same clock in every process of this machine.
        long offset = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
        return history.entries().stream()
                .filter(e -> e.actor().equals(client) && e.kind() == Entry.Kind.LINE && e.detail().equals(line))
                .findFirst().map(e -> Instant.ofEpochMilli((e.nanos() + offset) / 1_000_000L));
    }

    @Test
    void anInstanceHostVanishesItsJavaClientStopsLeadingAndTheOthersAreToldWithinLeasePlusPoll() throws Exception {
        startInstance(0, "");
        startInstance(1, "");
        startJavaClient("g", "j");
        await().atMost(Timing.patience()).until(() -> javaPrinted("leading").isPresent());
        joinRaw("b", "g", 1);
        awaitRaw("b", "LEADER j", Timing.patience());

        Instant vanished = Instant.now();
        network.isolate(instanceHosts[0]);
        instances[0].freeze();
        Instant told = awaitRaw("b", "LEADER b", Timing.patience());
        Instant stopped = javaPrinted("not leading").orElseThrow();
        // The Java client stops at the end of its confirmation window, long before b is told.
        assertThat(Duration.between(vanished, stopped)).isLessThan(WINDOW.plusSeconds(1));
        assertThat(stopped).isBefore(told);
        // A lease after the dead instance's last renewal (at most a renew interval before), and a poll.
        assertThat(Duration.between(vanished, told)).isLessThan(LEASE.plus(RENEW).plus(POLL).plus(Timing.scaled(Duration.ofSeconds(2))));
        // It comes back through the other instance, behind b.
        await().atMost(Timing.patience()).until(() -> javaPrinted("leader b").isPresent());
    }

    @Test
    void anInstanceCutOffFromItsRiakNodeFencesAndItsMembersGoElsewhere() throws Exception {
        startInstance(0, "");
        startInstance(1, "");
        startJavaClient("g", "j");
        await().atMost(Timing.patience()).until(() -> javaPrinted("leading").isPresent());
        joinRaw("b", "g", 1);
        awaitRaw("b", "LEADER j", Timing.patience());

        network.down(toRiak[0]);
        Instant told = awaitRaw("b", "LEADER b", Timing.patience());
        Instant stopped = javaPrinted("not leading").orElseThrow();
        assertThat(stopped).isBefore(told);
        await().atMost(Timing.patience()).until(() -> javaPrinted("leader b").isPresent());
        assertThat(instances[0].log()).contains("lost its lease");
    }

    @Test
    void aJavaClientCutOffFromItsInstanceStopsLeadingBeforeAnyoneElseLeadsAndRejoinsElsewhere() throws Exception {
        startInstance(0, "");
        startInstance(1, "");
        startJavaClient("g", "j");
        await().atMost(Timing.patience()).until(() -> javaPrinted("leading").isPresent());
        joinRaw("b", "g", 1);
        awaitRaw("b", "LEADER j", Timing.patience());

        Instant cut = Instant.now();
        network.down(javaLinks[0]);
        Instant told = awaitRaw("b", "LEADER b", Timing.patience());
        Instant stopped = javaPrinted("not leading").orElseThrow();
        assertThat(stopped).isBefore(told);
        // Keepalive finds the cut within its bound (3.25 s); the last confirmation vouched 2 s.
        assertThat(Duration.between(cut, told)).isLessThan(Duration.ofMillis(3250).plus(Timing.scaled(Duration.ofSeconds(1))));
        await().atMost(Timing.patience()).until(() -> javaPrinted("leader b").isPresent());
    }

    @Test
    void withHintsCutOffBetweenInstancesAChangeIsLearntAtTheSafetyPoll() {
        Duration sharedPoll = Duration.ofSeconds(4);
        String settings = "leader-latch.election.shared-poll-interval = " + sharedPoll.toMillis() + "ms";
        startInstance(0, settings);
        startInstance(1, settings);
        joinRaw("a", "g", 0);
        awaitRaw("a", "LEADER a", Timing.patience());
        joinRaw("b", "g", 1);
        awaitRaw("b", "LEADER a", Timing.patience());

        network.down(between);
        Instant left = Instant.now();
        raw.close("a");
        Instant told = awaitRaw("b", "LEADER b", Timing.patience());
        assertThat(Duration.between(left, told)).isLessThan(sharedPoll.plus(POLL).plus(Timing.scaled(Duration.ofSeconds(2))));
    }
}

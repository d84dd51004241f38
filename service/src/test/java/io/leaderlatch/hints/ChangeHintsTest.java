package io.leaderlatch.hints;

import io.leaderlatch.config.RiakConf;
import io.leaderlatch.config.Settings;
import io.leaderlatch.metrics.MeterNames;
import io.leaderlatch.net.HostAndPort;
import io.leaderlatch.store.ElectionStore;
import io.leaderlatch.store.Found;
import io.leaderlatch.store.ReadOutcome;
import io.leaderlatch.server.StartupException;
import io.leaderlatch.server.StoreFactory;
import io.leaderlatch.store.riak.RiakStore;
import io.leaderlatch.testing.service.ForwardingStore;
import io.leaderlatch.testing.LineClient;
import io.leaderlatch.testing.service.TestService;
import io.leaderlatch.testing.Timing;
import io.leaderlatch.testing.riak.RiakTestClusterExtension;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Change hints between service instances over real sockets: instances on a three-node Riak
 * protocol test cluster, each beside its own node, clients of one group spread across them.
 */
class ChangeHintsTest {

    /** Longer than any test waits for a line, so only a hint can bring news within a test. */
    private static final Duration LONG_POLL = Duration.ofSeconds(60);
    private static final Duration SHORT_POLL = Duration.ofMillis(300);
    private static final Settings.Hints HINTS_ON = new Settings.Hints(true, "127.0.0.1", 0, 1000);

    @RegisterExtension
    final RiakTestClusterExtension riak = RiakTestClusterExtension.withNodes(3);

    private final List<TestService> instances = new ArrayList<>();

    @AfterEach
    void stopAll() {
        instances.forEach(TestService::close);
    }

    @Test
    void aLeaderLeavingIsToldOnTheOtherInstancesLongBeforeTheirNextPoll() {
        TestService one = start(0, LONG_POLL, HINTS_ON, UnaryOperator.identity());
        TestService two = start(1, LONG_POLL, HINTS_ON, UnaryOperator.identity());
        TestService three = start(2, LONG_POLL, HINTS_ON, UnaryOperator.identity());
        assertThat(instanceRecord(two)).contains("\nhints 127.0.0.1:");
        try (LineClient a = one.connect(); LineClient b = two.connect(); LineClient c = three.connect()) {
            assertThat(a.join("spark", "a")).isEqualTo("LEADER a");
            assertThat(b.join("spark", "b")).isEqualTo("LEADER a");
            assertThat(c.join("spark", "c")).isEqualTo("LEADER a");

            long left = System.nanoTime();
            a.close();
            assertThat(b.readLine()).isEqualTo("LEADER b");
            assertThat(c.readLine()).isEqualTo("LEADER b");
            // Within a test's patience, far below the 60 s poll: the hint brought it.
            assertThat(Duration.ofNanos(System.nanoTime() - left)).isLessThan(LONG_POLL.dividedBy(2));
        }
        assertThat(count(one, MeterNames.HINTS_SENT)).isPositive();
        assertThat(count(two, MeterNames.HINTS_RECEIVED)).isPositive();
        assertThat(count(three, MeterNames.HINTS_RECEIVED)).isPositive();
    }

    @Test
    void withHintsSwitchedOffPollingStillBringsTheChange() {
        Settings.Hints off = new Settings.Hints(false, "127.0.0.1", 0, 1000);
        TestService one = start(0, SHORT_POLL, off, UnaryOperator.identity());
        TestService two = start(1, SHORT_POLL, off, UnaryOperator.identity());
        assertThat(instanceRecord(two)).doesNotContain("hints");
        try (LineClient a = one.connect(); LineClient b = two.connect()) {
            assertThat(a.join("spark", "a")).isEqualTo("LEADER a");
            assertThat(b.join("spark", "b")).isEqualTo("LEADER a");
            a.close();
            assertThat(b.readLine()).isEqualTo("LEADER b");
        }
        assertThat(count(one, MeterNames.HINTS_SENT)).isZero();
        assertThat(count(two, MeterNames.HINTS_RECEIVED)).isZero();
    }

    @Test
    void aHintSentWhereNobodyListensIsLostAndPollingStillBringsTheChange() {
        // Instance one reads every other instance's hint address as a port where nothing listens.
        TestService one = start(0, SHORT_POLL, HINTS_ON, BogusHintAddresses::new);
        TestService two = start(1, SHORT_POLL, HINTS_ON, UnaryOperator.identity());
        try (LineClient a = one.connect(); LineClient b = two.connect()) {
            assertThat(a.join("spark", "a")).isEqualTo("LEADER a");
            assertThat(b.join("spark", "b")).isEqualTo("LEADER a");
            a.close();
            assertThat(b.readLine()).isEqualTo("LEADER b");
        }
        assertThat(count(one, MeterNames.HINTS_SENT)).isPositive();
        assertThat(count(two, MeterNames.HINTS_RECEIVED)).isZero();
    }

    @Test
    void datagramsThatAreNotHintsAreCountedAndChangeNothing() throws IOException {
        TestService one = start(0, LONG_POLL, HINTS_ON, UnaryOperator.identity());
        TestService two = start(1, LONG_POLL, HINTS_ON, UnaryOperator.identity());
        InetSocketAddress twoHints = hintAddress(two);
        try (LineClient a = one.connect(); LineClient b = two.connect(); DatagramSocket udp = new DatagramSocket()) {
            assertThat(a.join("spark", "a")).isEqualTo("LEADER a");
            assertThat(b.join("spark", "b")).isEqualTo("LEADER a");
            double receivedBefore = count(two, MeterNames.HINTS_RECEIVED);
            List<byte[]> garbage = List.of(
                    "JOIN spark x".getBytes(StandardCharsets.US_ASCII),
                    "HINT ".getBytes(StandardCharsets.US_ASCII),
                    "HINT spark extra".getBytes(StandardCharsets.US_ASCII),
                    "HINT spark\n".getBytes(StandardCharsets.US_ASCII),
                    ("HINT " + "g".repeat(2000)).getBytes(StandardCharsets.US_ASCII),
                    new byte[] {'H', 'I', 'N', 'T', ' ', (byte) 0xC3, (byte) 0xA9});
            for (byte[] datagram : garbage) {
                udp.send(new DatagramPacket(datagram, datagram.length, twoHints));
            }
            await().atMost(Timing.patience()).until(() -> dropped(two, "malformed") == garbage.size());
            assertThat(count(two, MeterNames.HINTS_RECEIVED) - receivedBefore).isEqualTo(garbage.size());
            assertThat(b.hasUnreadInput()).isFalse();

            // A real change is still hinted and acted on.
            a.close();
            assertThat(b.readLine()).isEqualTo("LEADER b");
        }
    }

    @Test
    void aFloodOfHintsIsCutToTheLimitAndTheServiceKeepsServing() throws IOException {
        int limit = 20;
        TestService one = start(0, LONG_POLL, new Settings.Hints(true, "127.0.0.1", 0, limit),
                UnaryOperator.identity());
        InetSocketAddress oneHints = hintAddress(one);
        try (LineClient a = one.connect(); DatagramSocket udp = new DatagramSocket()) {
            assertThat(a.join("spark", "a")).isEqualTo("LEADER a");
            byte[] hint = "HINT spark".getBytes(StandardCharsets.US_ASCII);
            long start = System.nanoTime();
            for (int i = 0; i < 500; i++) {
                udp.send(new DatagramPacket(hint, hint.length, oneHints));
            }
            await().atMost(Timing.patience()).until(() -> dropped(one, "over_limit") > 0);
            double received = count(one, MeterNames.HINTS_RECEIVED);
            double taken = received - dropped(one, "over_limit");
            long windows = Duration.ofNanos(System.nanoTime() - start).toSeconds() + 2;
            assertThat(taken).isPositive().isLessThanOrEqualTo((double) limit * windows);
            try (LineClient b = one.connect()) {
                assertThat(b.join("spark", "b")).isEqualTo("LEADER a");
            }
        }
    }

    @Test
    void aHintPortInUseStopsStartUpNamingTheSetting() throws IOException {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            int port = taken.getLocalPort();
            Settings defaults = TestService.defaultSettings();
            Settings.Election e = defaults.election();
            Settings settings = new Settings(defaults.store(), defaults.embedded(), defaults.riak(), defaults.server(),
                    new Settings.Election(e.conflictRetries(), e.retryBackoff(), e.retryBackoffMax(), e.lease(),
                            e.renewInterval(), e.fenceMargin(), e.pollInterval(), e.sharedPollInterval(),
                            new Settings.Hints(true, "127.0.0.1", port, 1000)),
                    defaults.limits(), defaults.metrics());

            assertThatThrownBy(() -> TestService.start(settings))
                    .isInstanceOf(StartupException.class)
                    .hasMessageStartingWith("leader-latch.election.hints.bind = 127.0.0.1:" + port
                            + ": cannot bind the UDP socket: ");
        }
    }

    private TestService start(int node, Duration poll, Settings.Hints hints, UnaryOperator<ElectionStore> view) {
        Settings quick = TestService.quickElectionSettings();
        Settings.Election e = quick.election();
        Settings.Election election = new Settings.Election(e.conflictRetries(), e.retryBackoff(),
                e.retryBackoffMax(), e.lease(), e.renewInterval(), e.fenceMargin(), e.pollInterval(), poll, hints);
        InetSocketAddress endpoint = riak.cluster().endpoints().get(node);
        Settings.Riak riakSettings = new Settings.Riak(
                List.of(HostAndPort.of(endpoint)), "strong",
                "leader_latch", quick.riak().requestTimeout(), quick.riak().connectTimeout(),
                quick.riak().maxConnections(), quick.riak().maxQueuedRequests());
        Settings settings = new Settings(quick.store(), quick.embedded(), riakSettings, quick.server(), election,
                quick.limits(), quick.metrics());
        RiakConf riakConf = new RiakConf(Path.of("riak.conf"), List.of(), List.of(), Optional.empty());
        TestService service = TestService.start(
                view.apply(new RiakStore(StoreFactory.riakOptions(riakSettings, riakConf))), settings);
        instances.add(service);
        return service;
    }

    private String instanceRecord(TestService service) {
        byte[] value = riak.cluster().value("strong", "leader_latch", "instance/" + service.server().instanceId())
                .orElseThrow();
        return new String(value, StandardCharsets.US_ASCII);
    }

    /** The address the instance published in its record. */
    private InetSocketAddress hintAddress(TestService service) {
        String record = instanceRecord(service);
        String address = record.substring(record.indexOf("\nhints ") + "\nhints ".length()).strip();
        return HintAddress.parse(address).orElseThrow();
    }

    private static double count(TestService service, String meter) {
        return service.registry().get(meter).counter().count();
    }

    private static double dropped(TestService service, String reason) {
        MeterRegistry registry = service.registry();
        return registry.get(MeterNames.HINTS_DROPPED).tag(MeterNames.TAG_REASON, reason).counter().count();
    }

    /** A store through which every instance record reads as taking hints on a port nobody reads. */
    private static final class BogusHintAddresses extends ForwardingStore {

        private static final String NOBODY = "127.0.0.1:9"; // UDP discard: nothing listens here

        BogusHintAddresses(ElectionStore store) {
            super(store);
        }

        @Override
        public CompletableFuture<ReadOutcome> get(String key) {
            return delegate.get(key).thenApply(outcome -> key.startsWith("instance/") && outcome instanceof Found found
                    ? new Found(rewrite(found.value()), found.version()) : outcome);
        }

        private static byte[] rewrite(byte[] record) {
            String[] lines = new String(record, StandardCharsets.US_ASCII).split("\n");
            return (String.join("\n", Arrays.stream(lines)
                    .map(line -> line.startsWith("hints ") ? "hints " + NOBODY : line).toList()) + "\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }
    }
}

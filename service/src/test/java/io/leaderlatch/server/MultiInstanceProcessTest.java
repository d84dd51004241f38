package io.leaderlatch.server;

import io.leaderlatch.testing.ChildJvm;
import io.leaderlatch.testing.FreePorts;
import io.leaderlatch.testing.LineClient;
import io.leaderlatch.testing.Timing;
import io.leaderlatch.testing.riak.RiakTestCluster;
import io.leaderlatch.testing.riak.RiakTestClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three service instances in their own processes, started as an operator starts them (Main with a
 * riak.conf and a settings file), each talking to its own node of a three-node Riak protocol test
 * cluster, with clients of one group spread across them.
 */
class MultiInstanceProcessTest {

    private static final Duration LEASE = Duration.ofSeconds(4);

    @RegisterExtension
    final RiakTestClusterExtension riak = RiakTestClusterExtension.withNodes(3);

    @TempDir
    Path dir;

    private final List<Instance> instances = new ArrayList<>();

    /** One running service process. */
    private record Instance(Process process, int port, Path log) {

        LineClient connect() {
            return LineClient.connect(new InetSocketAddress("127.0.0.1", port));
        }

        String output() throws IOException {
            return Files.readString(log);
        }
    }

    @AfterEach
    void killAll() {
        instances.forEach(instance -> instance.process().destroyForcibly());
    }

    private Instance start(int node) throws Exception {
        Instance instance = start(node, "");
        await().atMost(Timing.patience()).until(() -> instance.output().contains("holds its lease"));
        return instance;
    }

    /** Starts an instance with {@code extraSettings} appended to its settings file; waits for its listener. */
    private Instance start(int node, String extraSettings) throws Exception {
        RiakTestCluster cluster = riak.cluster();
        InetSocketAddress riakNode = cluster.endpoints().get(node);
        int port = FreePorts.pick();
        Path riakConf = Files.writeString(dir.resolve("riak" + node + ".conf"), String.join("\n",
                "nodename = riak" + node + "@127.0.0.1",
                "listener.protobuf.internal = 127.0.0.1:" + riakNode.getPort(),
                "listener.leader_latch.internal = 127.0.0.1:" + port, ""));
        Path settings = Files.writeString(dir.resolve("latch" + node + ".conf"), String.join("\n",
                "leader-latch.store.type = riak",
                "leader-latch.riak { request-timeout = 500ms, connect-timeout = 500ms }",
                "leader-latch.election { lease = " + LEASE.toMillis() + "ms, renew-interval = 500ms,"
                        + " fence-margin = 1s, poll-interval = 200ms }",
                "leader-latch.metrics.jmx-enabled = false", extraSettings, ""));
        Path log = dir.resolve("instance" + node + ".log");
        Process process = ChildJvm.start(Main.class, log, List.of(), "--riak-conf", riakConf.toString(),
                "--config", settings.toString());
        Instance instance = new Instance(process, port, log);
        instances.add(instance);
        await().atMost(Timing.patience()).until(() -> Files.exists(log)
                && instance.output().contains("serving 1 listener(s)"));
        return instance;
    }

    @Test
    void aLeaderLeavingOnOneInstanceIsToldOnTheOthersWithinThePollBound() throws Exception {
        Instance one = start(0);
        Instance two = start(1);
        Instance three = start(2);
        try (LineClient a = one.connect(); LineClient b = two.connect(); LineClient c = three.connect()) {
            assertThat(a.join("spark", "a")).isEqualTo("LEADER a");
            assertThat(b.join("spark", "b")).isEqualTo("LEADER a");
            assertThat(c.join("spark", "c")).isEqualTo("LEADER a");

            long left = System.nanoTime();
            a.close();
            assertThat(b.readLine()).isEqualTo("LEADER b");
            assertThat(c.readLine()).isEqualTo("LEADER b");
            // Polling (200 ms) brought it, not the expiry of a lease.
            assertThat(Duration.ofNanos(System.nanoTime() - left)).isLessThan(LEASE);
        }
    }

    @Test
    void aKilledInstancesMembersAreReplacedAfterItsLease() throws Exception {
        Instance one = start(0);
        Instance two = start(1);
        try (LineClient a = one.connect(); LineClient b = two.connect()) {
            assertThat(a.join("spark", "a")).isEqualTo("LEADER a");
            assertThat(b.join("spark", "b")).isEqualTo("LEADER a");

            long killed = System.nanoTime();
            one.process().destroyForcibly(); // SIGKILL: no departures, no record deleted
            a.assertClosedByService();
            assertThat(b.readLine()).isEqualTo("LEADER b");
            // A full lease after its last heartbeat, which was at most one renew interval (500 ms) before the kill.
            assertThat(Duration.ofNanos(System.nanoTime() - killed)).isGreaterThanOrEqualTo(LEASE.minusMillis(500));
        }
    }

    @Test
    void anInstanceCutOffFromRiakClosesItsClientsBeforeAnyoneElseIsToldTheyLead() throws Exception {
        Instance one = start(0);
        Instance two = start(1);
        try (LineClient a = one.connect(); LineClient b = two.connect()) {
            assertThat(a.join("spark", "a")).isEqualTo("LEADER a");
            assertThat(b.join("spark", "b")).isEqualTo("LEADER a");

            riak.cluster().node(0).cutOff();
            a.assertClosedByService();
            // At the moment a's connection ended, b had been told nothing yet.
            assertThat(b.hasUnreadInput()).isFalse();
            assertThat(b.readLine()).isEqualTo("LEADER b");
            try (LineClient refused = one.connect()) {
                assertThat(refused.join("spark", "x")).isEqualTo("JOIN_FAILED SERVICE_UNAVAILABLE");
            }

            riak.cluster().node(0).restore();
            await().atMost(Timing.patience()).untilAsserted(() -> {
                try (LineClient again = one.connect()) {
                    assertThat(again.join("spark", "z")).isEqualTo("LEADER b");
                }
            });
        }
        assertThat(one.output()).contains("lost its lease");
    }

    @Test
    void withoutRiakJoinsFailAndWorkAgainOnceItIsBack() throws Exception {
        Instance one = start(0);
        Instance two = start(1);
        riak.cluster().nodes().forEach(node -> node.answerUnavailable());
        for (Instance instance : List.of(one, two)) {
            try (LineClient client = instance.connect()) {
                assertThat(client.join("spark", "a")).isEqualTo("JOIN_FAILED SERVICE_UNAVAILABLE");
                client.assertClosedByService();
            }
        }
        riak.cluster().nodes().forEach(node -> node.restore());
        await().atMost(Timing.patience()).untilAsserted(() -> {
            try (LineClient client = two.connect()) {
                assertThat(client.join("spark", "b")).isEqualTo("LEADER b");
            }
        });
    }

    @Test
    void aCleanlyStoppedInstanceHandsOverWithoutWaitingForItsLease() throws Exception {
        Instance one = start(0);
        Instance two = start(1);
        try (LineClient a = one.connect(); LineClient b = two.connect()) {
            assertThat(a.join("spark", "a")).isEqualTo("LEADER a");
            assertThat(b.join("spark", "b")).isEqualTo("LEADER a");

            long stopped = System.nanoTime();
            one.process().destroy(); // SIGTERM
            a.assertClosedByService();
            assertThat(b.readLine()).isEqualTo("LEADER b");
            assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(LEASE);
            assertThat(one.process().waitFor(Timing.patience().toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(one.process().exitValue()).isZero();
        }
    }

    @Test
    void aMissingBucketTypeIsExplainedAndTheServiceRecoversOnceItIsCreated() throws Exception {
        Instance one = start(0, "leader-latch.riak.bucket-type = latch_sc");
        assertThat(one.output()).contains("store not ready: The Riak bucket type 'latch_sc' does not exist")
                .contains("riak admin bucket-type create latch_sc '{\"props\":{\"consistent\":true}}'");
        try (LineClient client = one.connect()) {
            assertThat(client.join("spark", "a")).isEqualTo("JOIN_FAILED SERVICE_UNAVAILABLE");
        }
        riak.cluster().createBucketType("latch_sc", true);
        await().atMost(Timing.patience()).untilAsserted(() -> {
            try (LineClient client = one.connect()) {
                assertThat(client.join("spark", "a")).isEqualTo("LEADER a");
            }
        });
        assertThat(riak.cluster().keys("latch_sc", "leader_latch")).anyMatch(key -> key.startsWith("instance/riak0@"));
    }

    @Test
    void aBucketTypeThatIsNotStronglyConsistentIsRefused() throws Exception {
        Instance one = start(0, "leader-latch.riak.bucket-type = default");
        assertThat(one.output()).contains("The Riak bucket type 'default' is not strongly consistent");
        // Writes there would be blind: the instance must not serve at all.
        try (LineClient client = one.connect()) {
            assertThat(client.join("spark", "a")).isEqualTo("JOIN_FAILED SERVICE_UNAVAILABLE");
        }
        assertThat(riak.cluster().keys("default", "leader_latch")).noneMatch(key -> key.startsWith("instance/"));
    }
}

package io.leaderlatch.server;

import io.leaderlatch.config.RiakConf;
import io.leaderlatch.config.Settings;
import io.leaderlatch.net.HostAndPort;
import io.leaderlatch.store.riak.RiakStore;
import io.leaderlatch.testing.LineClient;
import io.leaderlatch.testing.service.TestService;
import io.leaderlatch.testing.service.StoredGroups;
import io.leaderlatch.testing.Timing;
import io.leaderlatch.testing.riak.RiakTestClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The service over real TCP with the Riak store, against the Riak protocol test cluster. */
class RiakBackedServiceTest {

    @RegisterExtension
    final RiakTestClusterExtension riak = RiakTestClusterExtension.withNodes(3);

    private TestService service;

    @BeforeEach
    void start() {
        Settings quick = TestService.quickElectionSettings();
        // Heartbeats only every 5 s: the writes a test makes are then the only ones for a while,
        // so a fault armed for "the next write" hits the test's own request.
        Settings.Election election = new Settings.Election(quick.election().conflictRetries(),
                quick.election().retryBackoff(), quick.election().retryBackoffMax(), Duration.ofSeconds(30),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofMillis(200),
                quick.election().hints());
        Settings.Riak riakSettings = new Settings.Riak(riak.cluster().endpoints().stream()
                .map(HostAndPort::of).toList(),
                "strong", "leader_latch", quick.riak().requestTimeout(), quick.riak().connectTimeout(),
                quick.riak().maxConnections(), quick.riak().maxQueuedRequests());
        Settings settings = new Settings(quick.store(), quick.embedded(), riakSettings, quick.server(), election,
                quick.limits(), quick.metrics());
        RiakConf riakConf = new RiakConf(Path.of("riak.conf"), List.of(), List.of(), Optional.empty());
        service = TestService.start(new RiakStore(StoreFactory.riakOptions(riakSettings, riakConf)), settings);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void theExampleSessionWorksOnRiak() {
        try (LineClient first = service.connect(); LineClient second = service.connect()) {
            assertThat(first.join("test_group", "1")).isEqualTo("LEADER 1");
            assertThat(second.join("test_group", "2")).isEqualTo("LEADER 1");
            first.close();
            assertThat(second.readLine()).isEqualTo("LEADER 2");
        }
        await().atMost(Timing.patience())
                .until(() -> StoredGroups.clients(riak.cluster(), "strong", "leader_latch", "test_group").isEmpty());
    }

    @Test
    void aJoinAppliedButAnsweredTimeoutLeavesNoGhostLeader() {
        riak.cluster().nodes().forEach(node -> node.applyThenTimeout(1));
        try (LineClient a = service.connect()) {
            // The join's write lands (a would lead) but is answered timeout: the service cannot
            // vouch for it, refuses it and takes it back out.
            assertThat(a.join("g", "a")).isEqualTo("JOIN_FAILED SERVICE_UNAVAILABLE");
        }
        riak.cluster().nodes().forEach(node -> node.restore());
        try (LineClient b = service.connect()) {
            await().atMost(Timing.patience()).until(() -> StoredGroups.clients(riak.cluster(), "strong", "leader_latch", "g").isEmpty());
            assertThat(b.join("g", "b")).isEqualTo("LEADER b");
        }
    }
}

package io.leaderlatch.admin;

import io.leaderlatch.store.embedded.EmbeddedStore;
import io.leaderlatch.testing.service.TestService;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The lines and verdict of {@code leader-latch status}. */
class StatusReportTest {

    @Test
    void anInstanceHoldingItsLeaseServes() {
        StatusReport report = StatusReport.format(1234, Map.of(
                "Version", "0.1.0",
                "InstanceId", "riak@10.0.0.1/5f2c0a1b9e33",
                "Listeners", new String[] {"internal=127.0.0.1:5323", "external=[::1]:5323"},
                "StoreType", "riak",
                "Store", "riak bucket-type strong, bucket leader_latch, endpoints 127.0.0.1:8087",
                "LeaseHeld", true));
        assertThat(report.serving()).isTrue();
        assertThat(report.lines()).containsExactly(
                "leader-latch is running (pid 1234) and serving",
                "version:   0.1.0",
                "instance:  riak@10.0.0.1/5f2c0a1b9e33",
                "listener:  internal=127.0.0.1:5323",
                "listener:  external=[::1]:5323",
                "store:     riak bucket-type strong, bucket leader_latch, endpoints 127.0.0.1:8087",
                "lease:     held");
    }

    @Test
    void anInstanceWithoutItsLeaseIsRunningButNotServing() {
        StatusReport report = StatusReport.format(1234, Map.of(
                "Version", "dev", "InstanceId", "leader-latch/5f2c0a1b9e33", "Listeners", new String[0],
                "StoreType", "embedded", "Store", "embedded (in memory, this process only)", "LeaseHeld", false));
        assertThat(report.serving()).isFalse();
        assertThat(report.lines().get(0)).startsWith("leader-latch is running (pid 1234) but not serving")
                .contains("JOIN_FAILED SERVICE_UNAVAILABLE");
        assertThat(report.lines()).contains("lease:     not held");
    }

    @Test
    void missingAttributesReadAsUnknown() {
        StatusReport report = StatusReport.format(7, Map.of("StoreType", "custom", "Store", "a store"));
        assertThat(report.serving()).isFalse();
        assertThat(report.lines()).contains("instance:  unknown", "store:     custom: a store");
    }

    @Test
    void readsARunningInstanceAndNothingOnceItStopped() throws Exception {
        String domain = "leaderlatch-test-" + UUID.randomUUID();
        StatusReport running;
        String instanceId;
        int port;
        try (TestService service = TestService.start(new EmbeddedStore(true), TestService.withJmxDomain(domain, true))) {
            instanceId = service.server().instanceId();
            port = service.address().getPort();
            running = StatusReport.read(99, ManagementFactory.getPlatformMBeanServer());
        }
        assertThat(running.serving()).isTrue();
        assertThat(running.lines()).contains("instance:  " + instanceId, "listener:  internal=127.0.0.1:" + port,
                "store:     embedded (in memory, this process only)", "lease:     held");

        StatusReport stopped = StatusReport.read(99, ManagementFactory.getPlatformMBeanServer());
        assertThat(stopped.serving()).isFalse();
        assertThat(stopped.lines()).containsExactly(
                "leader-latch is running (pid 99) but not serving: it is starting up or stopping (its listeners are not open)");
    }
}

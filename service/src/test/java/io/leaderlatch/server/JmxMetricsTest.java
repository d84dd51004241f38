package io.leaderlatch.server;

import io.leaderlatch.metrics.MeterRegistries;
import io.leaderlatch.store.embedded.EmbeddedStore;
import io.leaderlatch.testing.LineClient;
import io.leaderlatch.testing.service.TestService;
import io.leaderlatch.testing.Timing;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The meters as a JMX client sees them, in the platform MBean server. docs/metrics.md lists the
 * same names; Micrometer's JMX registry forms them as
 * {@code <domain>:name=<camelCaseName>[.<tag>.<value>...],type=<gauges|meters|timers>}.
 */
class JmxMetricsTest {

    private static final String[] RESULTS = {"leader", "follower", "already_joined", "failed"};
    /** The joins counter of listener {@code internal}; the result goes last. */
    private static final String JOINS = "leaderlatchJoins.listener.internal.result.";

    private final MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
    /** Its own domain per test, so nothing another test registered can be mistaken for ours. */
    private final String domain = "leaderlatch-test-" + UUID.randomUUID();
    private final EmbeddedStore store = new EmbeddedStore(true);
    private MeterRegistry registry;
    private TestService service;

    @BeforeEach
    void start() {
        registry = MeterRegistries.jmx(domain);
        service = TestService.start(store, store, registry, "internal");
    }

    @AfterEach
    void stop() {
        service.close();
        registry.close();
    }

    @Test
    void everyMeterIsAnMBeanUntilTheRegistryCloses() throws Exception {
        try (LineClient client = service.connect()) {
            assertThat(client.join("g", "a")).isEqualTo("LEADER a");

            Set<ObjectName> expected = Stream.concat(
                    Stream.of(
                            name("leaderlatchConnectionsOpen.listener.internal", "gauges"),
                            name("leaderlatchConnectionsAccepted.listener.internal", "meters"),
                            name("leaderlatchLeaderChanges", "meters"),
                            name("leaderlatchGroups", "gauges"),
                            name("leaderlatchMembers", "gauges"),
                            name("leaderlatchFailover", "timers"),
                            name("leaderlatchStoreUnavailable", "meters"),
                            name("leaderlatchLeaseHeld", "gauges"),
                            name("leaderlatchFenced", "meters"),
                            name("leaderlatchInstancesLive", "gauges"),
                            name("leaderlatchInstancesDeclaredDead", "meters"),
                            name("leaderlatchHintsSent", "meters"),
                            name("leaderlatchHintsReceived", "meters"),
                            name("leaderlatchHintsDropped.reason.malformed", "meters"),
                            name("leaderlatchHintsDropped.reason.over_limit", "meters"),
                            name("leaderlatchHintsDropped.reason.unsent", "meters"),
                            name("leaderlatchConnectionsRefused.listener.internal.reason.not_allowed", "meters"),
                            name("leaderlatchConnectionsRefused.listener.internal.reason.listener_limit", "meters"),
                            name("leaderlatchConnectionsRefused.listener.internal.reason.address_limit", "meters"),
                            name("leaderlatchConnectionsJoinTimeouts.listener.internal", "meters"),
                            name("leaderlatchConnectionsConfirmationTimeouts.listener.internal", "meters"),
                            name("leaderlatchConfirmations.listener.internal.result.confirmed", "meters"),
                            name("leaderlatchConfirmations.listener.internal.result.refused", "meters"),
                            name("leaderlatchLinesInvalid.listener.internal.reason.malformed", "meters"),
                            name("leaderlatchLinesInvalid.listener.internal.reason.too_long", "meters"),
                            name("leaderlatchLinesInvalid.listener.internal.reason.terms_after_join", "meters")),
                    Stream.of(RESULTS).map(result -> name(JOINS + result, "meters")))
                    .collect(Collectors.toSet());
            // Store request timers come and go with the requests made so far; the first one is fixed.
            assertThat(ours()).contains(name("leaderlatchStoreRequests.operation.create.outcome.written", "timers"));
            assertThat(ours()).filteredOn(mbean -> !mbean.getKeyProperty("name").startsWith("leaderlatchStoreRequests"))
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(value("leaderlatchLeaseHeld")).isEqualTo(1.0);

            // Counters are Dropwizard meters with a long Count; gauges have a double Value.
            assertThat(count(JOINS + "leader")).isEqualTo(1L);
            assertThat(count(JOINS + "follower")).isEqualTo(0L);
            assertThat(count("leaderlatchConnectionsAccepted.listener.internal")).isEqualTo(1L);
            assertThat(count("leaderlatchLeaderChanges")).isEqualTo(1L);
            assertThat(count("leaderlatchStoreUnavailable")).isEqualTo(0L);
            assertThat(value("leaderlatchConnectionsOpen.listener.internal")).isEqualTo(1.0);
            assertThat(value("leaderlatchGroups")).isEqualTo(1.0);
            assertThat(value("leaderlatchMembers")).isEqualTo(1.0);
            assertThat(failover("Count")).isEqualTo(0L);
        }

        service.close();
        registry.close();

        assertThat(ours()).isEmpty();
    }

    @Test
    void failoverIsATimerInMilliseconds() throws Exception {
        try (LineClient a = service.connect(); LineClient b = service.connect()) {
            assertThat(a.join("g", "a")).isEqualTo("LEADER a");
            assertThat(b.join("g", "b")).isEqualTo("LEADER a");

            a.close();
            assertThat(b.readLine()).isEqualTo("LEADER b");

            // Recorded just after the successor is told, so it may trail the LEADER line a little.
            await().atMost(Timing.patience()).untilAsserted(() -> assertThat(failover("Count")).isEqualTo(1L));
            assertThat(failover("DurationUnit")).isEqualTo("milliseconds");
            assertThat((Double) failover("Max")).isPositive();
            // The timer's own percentiles are the only ones: no gauges computing others beside them.
            assertThat((Double) failover("50thPercentile")).isPositive();
            assertThat((Double) failover("99thPercentile")).isPositive();
            assertThat(ours()).noneMatch(mbean -> mbean.getKeyProperty("name").contains("Percentile"));
            assertThat(count("leaderlatchLeaderChanges")).isEqualTo(2L);
        }
    }

    private Set<ObjectName> ours() throws JMException {
        return mbeans.queryNames(new ObjectName(domain + ":*"), null);
    }

    private Object count(String name) throws JMException {
        return mbeans.getAttribute(name(name, "meters"), "Count");
    }

    private Object value(String name) throws JMException {
        return mbeans.getAttribute(name(name, "gauges"), "Value");
    }

    private Object failover(String attribute) throws JMException {
        return mbeans.getAttribute(name("leaderlatchFailover", "timers"), attribute);
    }

    private ObjectName name(String name, String type) {
        try {
            return new ObjectName(domain + ":name=" + name + ",type=" + type);
        } catch (JMException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

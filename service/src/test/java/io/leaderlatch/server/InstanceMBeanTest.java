package io.leaderlatch.server;

import io.leaderlatch.config.Settings;
import io.leaderlatch.store.embedded.EmbeddedStore;
import io.leaderlatch.testing.service.TestService;
import io.leaderlatch.testing.Timing;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The instance MBean that {@code leader-latch status} reads, on the platform MBean server. */
class InstanceMBeanTest {

    private final MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
    /** Its own domain, so no other service of this JVM can hold the name. */
    private final String domain = "leaderlatch-test-" + UUID.randomUUID();
    private final ObjectName name = InstanceRegistration.name(domain);

    @Test
    void describesTheInstanceWhileItServesAndIsGoneAfterStop() throws Exception {
        try (TestService service = TestService.start(new EmbeddedStore(true), settings(domain, true))) {
            assertThat(name).hasToString(domain + ":type=Instance");
            assertThat(mbeans.isRegistered(name)).isTrue();
            assertThat(mbeans.getAttribute(name, "InstanceId")).isEqualTo(service.server().instanceId())
                    .asString().startsWith("riak@127.0.0.1/");
            assertThat((String[]) mbeans.getAttribute(name, "Listeners"))
                    .containsExactly("internal=127.0.0.1:" + service.address().getPort());
            assertThat(mbeans.getAttribute(name, "StoreType")).isEqualTo("embedded");
            assertThat(mbeans.getAttribute(name, "Store")).isEqualTo("embedded (in memory, this process only)");
            assertThat(mbeans.getAttribute(name, "LeaseHeld")).isEqualTo(true);
            assertThat(mbeans.getAttribute(name, "MetersPublished")).isEqualTo(true);
            // Run from target/classes there is no manifest version.
            assertThat(mbeans.getAttribute(name, "Version")).isEqualTo("dev");

            assertThat(InstanceRegistration.find(mbeans)).isPresent();
        }
        assertThat(mbeans.isRegistered(name)).isFalse();
    }

    @Test
    void followsTheLease() throws Exception {
        EmbeddedStore store = new EmbeddedStore(true);
        try (TestService service = TestService.start(store, quickSettings(domain))) {
            assertThat(mbeans.getAttribute(name, "LeaseHeld")).isEqualTo(true);
            store.setAvailable(false);
            await().atMost(Timing.patience())
                    .until(() -> mbeans.getAttribute(name, "LeaseHeld").equals(false));
            store.setAvailable(true);
            await().atMost(Timing.patience())
                    .until(() -> mbeans.getAttribute(name, "LeaseHeld").equals(true));
        }
    }

    @Test
    void isPublishedEvenWhenTheMetersAreNot() throws Exception {
        try (TestService service = TestService.start(new EmbeddedStore(true), settings(domain, false))) {
            assertThat(mbeans.getAttribute(name, "MetersPublished")).isEqualTo(false);
            assertThat(mbeans.getAttribute(name, "LeaseHeld")).isEqualTo(true);
            // The meters exist in memory; the instance MBean does not hand them out either.
            assertThatThrownBy(() -> mbeans.invoke(name, "meters", new Object[0], new String[0]))
                    .rootCause().hasMessageContaining("leader-latch.metrics.jmx-enabled = false");
        }
        assertThat(mbeans.isRegistered(name)).isFalse();
    }

    @Test
    void aSecondServiceInTheSameJvmLeavesTheNameToTheFirst() throws Exception {
        Settings settings = settings(domain, true);
        try (TestService first = TestService.start(new EmbeddedStore(true), settings)) {
            try (TestService second = TestService.start(new EmbeddedStore(true), settings)) {
                assertThat(mbeans.getAttribute(name, "InstanceId")).isEqualTo(first.server().instanceId());
            }
            // The second one's stop must not take the first one's MBean away.
            assertThat(mbeans.getAttribute(name, "InstanceId")).isEqualTo(first.server().instanceId());
        }
        assertThat(mbeans.isRegistered(name)).isFalse();
    }

    static Settings settings(String domain, boolean jmxEnabled) {
        Settings defaults = TestService.defaultSettings();
        return new Settings(defaults.store(), defaults.embedded(), defaults.riak(), defaults.server(),
                defaults.election(), defaults.limits(),
                new Settings.Metrics(jmxEnabled, domain, defaults.metrics().prometheus()));
    }

    private static Settings quickSettings(String domain) {
        Settings quick = TestService.quickElectionSettings();
        return new Settings(quick.store(), quick.embedded(), quick.riak(), quick.server(), quick.election(),
                quick.limits(), new Settings.Metrics(true, domain, quick.metrics().prometheus()));
    }
}

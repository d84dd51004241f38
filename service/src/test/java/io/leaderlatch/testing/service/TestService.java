package io.leaderlatch.testing.service;

import io.leaderlatch.config.ConfOrigin;
import io.leaderlatch.config.ListenerSpec;
import io.leaderlatch.config.RiakConf;
import io.leaderlatch.config.Settings;
import io.leaderlatch.config.SettingsLoader;
import io.leaderlatch.server.LeaderLatchServer;
import io.leaderlatch.store.ElectionStore;
import io.leaderlatch.store.embedded.EmbeddedStore;
import io.leaderlatch.testing.LineClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A real service instance for tests: the default settings, listeners on 127.0.0.1 with ports the
 * system chooses, and an embedded store the test can switch off.
 */
public final class TestService implements AutoCloseable {

    private final EmbeddedStore embedded;
    private final MeterRegistry registry;
    private final LeaderLatchServer server;

    private TestService(EmbeddedStore embedded, ElectionStore store, MeterRegistry registry, String... listeners) {
        this(embedded, store, registry, defaultSettings(), listeners);
    }

    private TestService(EmbeddedStore embedded, ElectionStore store, MeterRegistry registry, Settings settings,
                        String... listeners) {
        this.embedded = embedded;
        this.registry = registry;
        Path file = Path.of("test-riak.conf");
        List<ListenerSpec> specs = Arrays.stream(listeners)
                .map(name -> new ListenerSpec(name, "127.0.0.1", 0, new ConfOrigin(file, 1)))
                .toList();
        RiakConf riakConf = new RiakConf(file, specs, List.of(), Optional.of("riak@127.0.0.1"));
        this.server = LeaderLatchServer.start(riakConf, settings, store, registry);
    }

    /** A service with one listener, {@code internal}. */
    public static TestService start() {
        return start("internal");
    }

    public static TestService start(String... listeners) {
        EmbeddedStore store = new EmbeddedStore(true);
        return new TestService(store, store, new SimpleMeterRegistry(), listeners);
    }

    /** A service on a store of the test's choosing, e.g. a {@link FaultyStore} around an embedded one. */
    public static TestService start(EmbeddedStore embedded, ElectionStore store, MeterRegistry registry,
                                    String... listeners) {
        return new TestService(embedded, store, registry, listeners);
    }

    /** A service on an embedded store with settings of the test's choosing. */
    public static TestService start(Settings settings, String... listeners) {
        EmbeddedStore store = new EmbeddedStore(true);
        return new TestService(store, store, new SimpleMeterRegistry(), settings, listeners);
    }

    /** The defaults with other limits. */
    public static Settings withLimits(Settings.Limits limits) {
        Settings d = defaultSettings();
        return new Settings(d.store(), d.embedded(), d.riak(), d.server(), d.election(), limits, d.metrics());
    }

    /** The defaults with the instance MBean (and, if {@code jmxEnabled}, the meters) in JMX domain {@code domain}. */
    public static Settings withJmxDomain(String domain, boolean jmxEnabled) {
        Settings d = defaultSettings();
        return new Settings(d.store(), d.embedded(), d.riak(), d.server(), d.election(), d.limits(),
                new Settings.Metrics(jmxEnabled, domain, d.metrics().prometheus()));
    }

    /** A service on an embedded store, with a meter registry and settings of the test's choosing. */
    public static TestService start(MeterRegistry registry, Settings settings) {
        EmbeddedStore store = new EmbeddedStore(true);
        return new TestService(store, store, registry, settings, "internal");
    }

    /** A service on any store (a Riak store, say), with settings of the test's choosing. */
    public static TestService start(ElectionStore store, Settings settings) {
        return new TestService(null, store, new SimpleMeterRegistry(), settings, "internal");
    }

    /** The defaults with short election timings, so lease-driven behaviour shows within seconds. */
    public static Settings quickElectionSettings() {
        Settings defaults = defaultSettings();
        Settings.Election election = defaults.election();
        Settings.Riak riak = defaults.riak();
        return new Settings(defaults.store(), defaults.embedded(),
                // A request timeout of 1 s: shorter ones time out on a loaded machine, and the lease
                // (3 s, margin 1 s) still leaves renew-interval + timeout below lease - margin.
                new Settings.Riak(riak.endpoints(), riak.bucketType(), riak.bucket(), Duration.ofSeconds(1),
                        Duration.ofMillis(500), riak.maxConnections(), riak.maxQueuedRequests()),
                defaults.server(),
                new Settings.Election(election.conflictRetries(), election.retryBackoff(), election.retryBackoffMax(),
                        Duration.ofSeconds(3), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(200),
                        Duration.ofSeconds(2), election.hints()),
                defaults.limits(), defaults.metrics());
    }

    public static Settings defaultSettings() {
        return SettingsLoader.load(Optional.empty());
    }

    public InetSocketAddress address() {
        return address("internal");
    }

    public InetSocketAddress address(String listener) {
        return server.address(listener);
    }

    public LineClient connect() {
        return LineClient.connect(address());
    }

    public LineClient connect(String listener) {
        return LineClient.connect(address(listener));
    }

    public EmbeddedStore store() {
        return embedded;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public LeaderLatchServer server() {
        return server;
    }

    @Override
    public void close() {
        server.stop();
    }
}

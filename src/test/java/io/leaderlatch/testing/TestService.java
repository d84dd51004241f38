package io.leaderlatch.testing;

import io.leaderlatch.config.ConfOrigin;
import io.leaderlatch.config.ListenerSpec;
import io.leaderlatch.config.RiakConf;
import io.leaderlatch.config.Settings;
import io.leaderlatch.config.SettingsLoader;
import io.leaderlatch.server.LeaderLatchServer;
import io.leaderlatch.store.ElectionStore;
import io.leaderlatch.store.embedded.EmbeddedStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.net.InetSocketAddress;
import java.nio.file.Path;
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
        this.embedded = embedded;
        this.registry = registry;
        Path file = Path.of("test-riak.conf");
        List<ListenerSpec> specs = Arrays.stream(listeners)
                .map(name -> new ListenerSpec(name, "127.0.0.1", 0, new ConfOrigin(file, 1)))
                .toList();
        RiakConf riakConf = new RiakConf(file, specs, List.of(), Optional.of("riak@127.0.0.1"));
        this.server = LeaderLatchServer.start(riakConf, defaultSettings(), store, registry);
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

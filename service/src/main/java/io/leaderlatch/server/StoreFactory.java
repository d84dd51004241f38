package io.leaderlatch.server;

import io.leaderlatch.config.ConfigException;
import io.leaderlatch.config.RiakConf;
import io.leaderlatch.config.Settings;
import io.leaderlatch.net.HostAndPort;
import io.leaderlatch.store.ElectionStore;
import io.leaderlatch.store.embedded.EmbeddedStore;
import io.leaderlatch.store.riak.RiakStore;
import io.leaderlatch.store.riak.RiakStoreOptions;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Builds the store that {@code leader-latch.store.type} names. Public for {@link #riakOptions}: the
 * admin tool's {@code check-config} resolves the Riak endpoints with the code start-up runs, so a
 * missing endpoint fails there the same way.
 */
public final class StoreFactory {

    private StoreFactory() {
    }

    static ElectionStore create(Settings settings, RiakConf riakConf) {
        return switch (settings.store().type()) {
            case EMBEDDED -> new EmbeddedStore(settings.embedded().available());
            case RIAK -> new RiakStore(riakOptions(settings.riak(), riakConf));
        };
    }

    /** @throws ConfigException when there is no endpoint, configured or in riak.conf */
    public static RiakStoreOptions riakOptions(Settings.Riak riak, RiakConf riakConf) {
        return new RiakStoreOptions(endpoints(riak, riakConf), riak.bucketType(), riak.bucket(),
                riak.requestTimeout(), riak.connectTimeout(), riak.maxConnections(), riak.maxQueuedRequests());
    }

    /**
     * The configured endpoints; without any, the local Riak node's protocol buffers listeners
     * from riak.conf, so an operator writes each address once. Host names are resolved by the
     * Riak client when it connects, not here.
     */
    private static List<InetSocketAddress> endpoints(Settings.Riak riak, RiakConf riakConf) {
        if (!riak.endpoints().isEmpty()) {
            return riak.endpoints().stream().map(HostAndPort::unresolved).toList();
        }
        if (riakConf.protobufListeners().isEmpty()) {
            throw new ConfigException(riakConf.file() + ": leader-latch.store.type = riak, but leader-latch.riak.endpoints"
                    + " is empty and there is no listener.protobuf.<name> line to take the local Riak node from");
        }
        return riakConf.protobufListeners().stream().map(spec -> spec.hostAndPort().unresolved()).toList();
    }
}

package io.leaderlatch.admin;

import io.leaderlatch.config.ListenerSpec;
import io.leaderlatch.config.RiakConf;
import io.leaderlatch.config.Settings;
import io.leaderlatch.config.StoreType;
import io.leaderlatch.server.StoreFactory;
import io.leaderlatch.net.HostAndPort;
import io.leaderlatch.store.riak.RiakStoreOptions;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The answer of {@code leader-latch check-config}: what a start with these files would run, in
 * lines for an operator. Builds nothing that binds or connects; the Riak endpoints are resolved by
 * the same {@link StoreFactory} code as at start-up, so a missing endpoint fails here the same way.
 */
final class ConfigReport {

    private ConfigReport() {
    }

    /**
     * @throws io.leaderlatch.config.ConfigException when start-up would stop on these settings
     */
    static List<String> lines(RiakConf riakConf, Optional<Path> settingsFile, Settings settings) {
        List<String> lines = new ArrayList<>();
        lines.add(line("riak.conf", riakConf.file()));
        lines.add(line("settings", settingsFile.map(Path::toString).orElse("none (defaults and -D system properties only)")));
        lines.add(line("nodename", riakConf.nodename().orElse("not set (instance ids start with leader-latch/)")));
        for (ListenerSpec listener : riakConf.leaderLatchListeners()) {
            lines.add(line("listener", listener.name() + " = " + listener.hostAndPort() + " (" + listener.origin() + ")"));
        }
        StoreType type = settings.store().type();
        lines.add(line("store", type.configName()));
        switch (type) {
            case EMBEDDED -> lines.add(line("embedded", "available = " + settings.embedded().available()));
            case RIAK -> riak(lines, riakConf, settings.riak());
        }
        Settings.Election election = settings.election();
        lines.add(line("election", "lease " + duration(election.lease())
                + ", renew-interval " + duration(election.renewInterval())
                + ", fence-margin " + duration(election.fenceMargin())
                + ", poll-interval " + duration(election.pollInterval())));
        lines.add(line("hints", hints(election.hints())));
        lines.add(line("retries", "conflict-retries " + election.conflictRetries()
                + ", retry-backoff " + duration(election.retryBackoff())
                + " up to " + duration(election.retryBackoffMax())));
        Settings.Server server = settings.server();
        lines.add(line("server", "io-threads " + server.ioThreads() + (server.ioThreads() == 0 ? " (Netty's default)" : "")
                + ", native-transport " + server.nativeTransport()
                + ", shutdown-timeout " + duration(server.shutdownTimeout())));
        lines.add(line("metrics", "jmx-enabled " + settings.metrics().jmxEnabled()
                + ", jmx-domain " + settings.metrics().jmxDomain()));
        Settings.Prometheus prometheus = settings.metrics().prometheus();
        lines.add(line("prometheus", prometheus.enabled() ? "http://" + prometheus.bind() + "/metrics" : "off"));
        return lines;
    }

    private static void riak(List<String> lines, RiakConf riakConf, Settings.Riak riak) {
        RiakStoreOptions options = StoreFactory.riakOptions(riak, riakConf);
        if (riak.endpoints().isEmpty()) {
            // Taken from riak.conf: say which line, as for the listeners.
            for (ListenerSpec protobuf : riakConf.protobufListeners()) {
                lines.add(line("endpoint", protobuf.hostAndPort() + " (listener.protobuf." + protobuf.name()
                        + ", " + protobuf.origin() + ")"));
            }
        } else {
            for (InetSocketAddress endpoint : options.endpoints()) {
                lines.add(line("endpoint", HostAndPort.of(endpoint) + " (leader-latch.riak.endpoints)"));
            }
        }
        lines.add(line("bucket type", options.bucketType()));
        lines.add(line("bucket", options.bucket()));
        lines.add(line("riak", "request-timeout " + duration(options.requestTimeout())
                + ", connect-timeout " + duration(options.connectTimeout())
                + ", max-connections " + options.maxConnections() + " per node"));
    }

    private static String hints(Settings.Hints hints) {
        if (!hints.enabled()) {
            return "off (changes made by other instances are learnt by polling)";
        }
        return "udp " + hints.bind() + (hints.port() == 0 ? " (port chosen at start)" : "")
                + ", max-per-second " + hints.maxPerSecond();
    }

    /** As written in the settings file where possible: {@code 10s}, {@code 50ms}. */
    static String duration(Duration duration) {
        if (duration.getNano() % 1_000_000 != 0) {
            return duration.toString();
        }
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private static String line(String label, Object value) {
        return String.format("%-12s %s", label + ":", value);
    }
}

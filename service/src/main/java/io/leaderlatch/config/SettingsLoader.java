package io.leaderlatch.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.leaderlatch.net.HostAndPort;
import io.leaderlatch.net.IpLiterals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and validates the service's own settings. Precedence, highest first: {@code -D} system
 * properties, the settings file, then {@code reference.conf}, which holds every default.
 */
public final class SettingsLoader {

    // ObjectName reserves these in a domain; ',' and '=' would at least confuse JMX consoles.
    private static final Pattern JMX_DOMAIN_FORBIDDEN = Pattern.compile("[:,=*?\\n]");

    private SettingsLoader() {
    }

    /**
     * The settings alone, without the rules that need riak.conf: for tools and tests. The service
     * and {@code check-config} load both files through {@link ServiceConfig#load}.
     *
     * @param configFile the settings file, usually {@code conf/leader-latch.conf}; empty for defaults
     *                   and system properties only
     * @throws ConfigException naming the file, line and key of the first problem found
     */
    public static Settings load(Optional<Path> configFile) {
        return load(configFile, ConfigFactory.systemProperties(), Optional.empty());
    }

    /** As {@link #load(Optional)}, with {@code systemProperties} in place of the JVM's. */
    static Settings load(Optional<Path> configFile, Config systemProperties) {
        return load(configFile, systemProperties, Optional.empty());
    }

    /**
     * As {@link #load(Optional)}, with {@code systemProperties} in place of the JVM's, and, when
     * {@code riakConf} is given, the rules that tie the settings to it: each allow-list entry names
     * a listener of riak.conf; a Riak store has endpoints, or riak.conf a protocol buffers listener
     * to take them from.
     */
    static Settings load(Optional<Path> configFile, Config systemProperties, Optional<RiakConf> riakConf) {
        try {
            // Not defaultReference(): that one has every system property merged in, which would
            // make a mistyped -D key look known.
            Config reference = ConfigFactory.defaultReferenceUnresolved().resolve();
            Config file = configFile.map(SettingsLoader::parse).orElseGet(ConfigFactory::empty);
            Config merged = systemProperties.withFallback(file).withFallback(reference).resolve();
            merged.checkValid(reference, SettingsReader.ROOT);
            UnknownKeys.check(merged, reference, SettingsReader.ROOT);
            return read(new SettingsReader(merged), riakConf);
        } catch (com.typesafe.config.ConfigException e) {
            throw TypesafeErrors.convert(e);
        }
    }

    private static Config parse(Path file) {
        // Typesafe's own message for a missing file is a FileNotFoundException's text.
        if (!Files.exists(file)) {
            throw new ConfigException(file + ": file not found");
        }
        return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    }

    private static Settings read(SettingsReader in, Optional<RiakConf> riakConf) {
        StoreType storeType = storeType(in);
        return new Settings(
                new Settings.Store(storeType),
                new Settings.Embedded(in.bool("embedded.available")),
                riak(in, storeType, riakConf),
                new Settings.Server(atLeast(in, "server.io-threads", 0), in.bool("server.native-transport"),
                        positive(in, "server.shutdown-timeout"), keepalive(in)),
                election(in),
                limits(in, riakConf),
                new Settings.Metrics(in.bool("metrics.jmx-enabled"), jmxDomain(in), prometheus(in)));
    }

    private static StoreType storeType(SettingsReader in) {
        String name = in.string("store.type");
        return StoreType.fromConfigName(name).orElseThrow(() -> in.invalid("store.type",
                "unknown store type; allowed: " + Arrays.stream(StoreType.values())
                        .map(StoreType::configName).collect(Collectors.joining(", "))));
    }

    private static Settings.Election election(SettingsReader in) {
        int retries = atLeast(in, "election.conflict-retries", 1);
        Duration backoff = positive(in, "election.retry-backoff");
        Duration backoffMax = positive(in, "election.retry-backoff-max");
        notLonger(in, "election.retry-backoff", "election.retry-backoff-max");
        Duration lease = positive(in, "election.lease");
        Duration renew = positive(in, "election.renew-interval");
        Duration margin = positive(in, "election.fence-margin");
        Duration poll = positive(in, "election.poll-interval");
        Duration sharedPoll = positive(in, "election.shared-poll-interval");
        if (margin.compareTo(lease) >= 0) {
            throw in.invalid("election.fence-margin", "must be shorter than " + refer(in, "election.lease"));
        }
        Duration requestTimeout = in.duration("riak.request-timeout");
        // A renewal that times out must leave time for one more before the instance fences itself.
        if (renew.plus(requestTimeout).compareTo(lease.minus(margin)) >= 0) {
            throw in.invalid("election.renew-interval", "renew-interval + riak.request-timeout (" + requestTimeout
                    + ") must be shorter than lease - fence-margin (" + lease.minus(margin) + ")");
        }
        return new Settings.Election(retries, backoff, backoffMax, lease, renew, margin, poll, sharedPoll, hints(in));
    }

    private static Settings.Hints hints(SettingsReader in) {
        String key = "election.hints.bind";
        HostAndPort bind = SettingAddresses.bind(in.string(key))
                .orElseThrow(() -> in.invalid(key, "expected " + HostAndPort.IP_LITERAL_FORMS + ", port 0-65535"));
        if (IpLiterals.isWildcard(bind.host())) {
            throw in.invalid(key, "other instances send hints to this address, so it must be one they can reach,"
                    + " not a wildcard");
        }
        return new Settings.Hints(in.bool("election.hints.enabled"), bind.host(), bind.port(),
                atLeast(in, "election.hints.max-per-second", 1));
    }

    private static Settings.Keepalive keepalive(SettingsReader in) {
        return new Settings.Keepalive(wholeSeconds(in, "server.keepalive.idle"),
                wholeSeconds(in, "server.keepalive.interval"), atLeast(in, "server.keepalive.count", 1));
    }

    /** TCP keepalive timers are set in whole seconds. */
    private static Duration wholeSeconds(SettingsReader in, String key) {
        Duration value = positive(in, key);
        if (value.toMillis() % 1000 != 0) {
            throw in.invalid(key, "must be whole seconds (TCP keepalive counts in seconds)");
        }
        return value;
    }

    private static Settings.Limits limits(SettingsReader in, Optional<RiakConf> riakConf) {
        List<Settings.Allow> allow = new ArrayList<>();
        for (Config entry : in.configList("limits.allow")) {
            if (!entry.hasPath("listener") || !entry.hasPath("networks") || entry.root().size() != 2) {
                throw in.invalid("limits.allow", "each entry is { listener = <name>, networks = [\"<cidr>\", ...] }");
            }
            String listener = entry.getString("listener");
            if (riakConf.isPresent() && riakConf.get().leaderLatchListeners().stream()
                    .noneMatch(spec -> spec.name().equals(listener))) {
                throw new ConfigException(TypesafeErrors.where(entry.getValue("listener").origin()) + ": "
                        + SettingsReader.path("limits.allow") + " names listener '" + listener + "', but "
                        + riakConf.get().file() + " has no listener.leader_latch." + listener + " (it has "
                        + riakConf.get().leaderLatchListeners().stream().map(ListenerSpec::name)
                                .collect(Collectors.joining(", ")) + ")");
            }
            List<Cidr> networks = new ArrayList<>();
            for (String network : entry.getStringList("networks")) {
                networks.add(Cidr.parse(network).orElseThrow(() -> in.invalid("limits.allow",
                        "'" + network + "' is not a network such as 10.0.0.0/8 or fd00::/8")));
            }
            allow.add(new Settings.Allow(listener, networks));
        }
        return new Settings.Limits(positive(in, "limits.join-timeout"),
                atLeast(in, "limits.max-connections-per-listener", 1),
                atLeast(in, "limits.max-connections-per-address", 1), allow);
    }

    private static Settings.Riak riak(SettingsReader in, StoreType storeType, Optional<RiakConf> riakConf) {
        List<HostAndPort> endpoints = new ArrayList<>();
        for (String endpoint : in.stringList("riak.endpoints")) {
            endpoints.add(SettingAddresses.endpoint(endpoint)
                    .orElseThrow(() -> in.invalid("riak.endpoints", "'" + endpoint + "' is not host:port with a port 1-65535")));
        }
        if (storeType == StoreType.RIAK && endpoints.isEmpty() && riakConf.isPresent()
                && riakConf.get().protobufListeners().isEmpty()) {
            throw in.invalid("store.type", SettingsReader.path("riak.endpoints") + " is empty and " + riakConf.get().file()
                    + " has no listener.protobuf.<name> line to take the local Riak node from");
        }
        String bucketType = nonEmpty(in, "riak.bucket-type");
        String bucket = nonEmpty(in, "riak.bucket");
        return new Settings.Riak(endpoints, bucketType, bucket, positive(in, "riak.request-timeout"),
                positive(in, "riak.connect-timeout"), atLeast(in, "riak.max-connections", 1),
                atLeast(in, "riak.max-queued-requests", 0));
    }

    private static String nonEmpty(SettingsReader in, String key) {
        String value = in.string(key);
        if (value.isBlank()) {
            throw in.invalid(key, "must not be empty");
        }
        return value;
    }

    private static void notLonger(SettingsReader in, String key, String limit) {
        if (in.duration(key).compareTo(in.duration(limit)) > 0) {
            throw in.invalid(key, "must not be longer than " + refer(in, limit));
        }
    }

    private static String refer(SettingsReader in, String key) {
        return SettingsReader.path(key) + " = " + in.written(key) + " (set at " + in.where(key) + ")";
    }

    /** A wildcard is allowed: the Prometheus server may well be on another host. */
    private static Settings.Prometheus prometheus(SettingsReader in) {
        String key = "metrics.prometheus.bind";
        HostAndPort bind = SettingAddresses.bind(in.string(key)).filter(address -> address.port() > 0)
                .orElseThrow(() -> in.invalid(key, "expected " + HostAndPort.IP_LITERAL_FORMS + ", port 1-65535"));
        return new Settings.Prometheus(in.bool("metrics.prometheus.enabled"), bind.host(), bind.port());
    }

    private static String jmxDomain(SettingsReader in) {
        String domain = in.string("metrics.jmx-domain");
        if (domain.isBlank()) {
            throw in.invalid("metrics.jmx-domain", "must not be empty");
        }
        if (JMX_DOMAIN_FORBIDDEN.matcher(domain).find()) {
            throw in.invalid("metrics.jmx-domain", "a JMX domain must not contain ':', ',', '=', '*', '?' or a line break");
        }
        return domain;
    }

    private static int atLeast(SettingsReader in, String key, int min) {
        int value = in.integer(key);
        if (value < min) {
            throw in.invalid(key, "must be " + min + " or more");
        }
        return value;
    }

    private static Duration positive(SettingsReader in, String key) {
        Duration value = in.duration(key);
        if (value.isNegative() || value.isZero()) {
            throw in.invalid(key, "must be longer than zero");
        }
        return value;
    }
}

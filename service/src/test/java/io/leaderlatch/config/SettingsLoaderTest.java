package io.leaderlatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.leaderlatch.net.HostAndPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsLoaderTest {

    private static final Config NO_SYSTEM_PROPERTIES = ConfigFactory.empty();

    @TempDir
    Path dir;

    private Path write(String... lines) throws IOException {
        Path file = dir.resolve("leader-latch.conf");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private static Config systemProperties(Map<String, String> properties) {
        return ConfigFactory.parseMap(properties, "test system properties");
    }

    private static Settings load(Path file) {
        return SettingsLoader.load(Optional.of(file), NO_SYSTEM_PROPERTIES);
    }

    @Test
    void defaultsComeFromReferenceConf() {
        Settings settings = SettingsLoader.load(Optional.empty(), NO_SYSTEM_PROPERTIES);

        assertThat(settings).isEqualTo(new Settings(
                new Settings.Store(StoreType.EMBEDDED),
                new Settings.Embedded(true),
                new Settings.Riak(List.of(), "strong", "leader_latch", Duration.ofSeconds(2), Duration.ofSeconds(2), 16, 1024),
                new Settings.Server(0, true, Duration.ofSeconds(10),
                        new Settings.Keepalive(Duration.ofSeconds(1), Duration.ofSeconds(1), 2)),
                new Settings.Election(50, Duration.ofMillis(50), Duration.ofSeconds(5), Duration.ofSeconds(10),
                        Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(10),
                        new Settings.Hints(true, "127.0.0.1", 0, 1000)),
                new Settings.Limits(Duration.ofSeconds(30), 16384, 4096, List.of()),
                new Settings.Metrics(true, "leaderlatch", new Settings.Prometheus(false, "127.0.0.1", 9323))));
    }

    @Test
    void thePublicLoaderReadsDefaultsToo() {
        assertThat(SettingsLoader.load(Optional.empty()).store().type()).isEqualTo(StoreType.EMBEDDED);
    }

    @Test
    void theFileOverridesDefaults() throws IOException {
        Path file = write(
                "leader-latch {",
                "  embedded.available = false",
                "  server { io-threads = 4, native-transport = no, shutdown-timeout = 2500ms }",
                "  server.keepalive { idle = 1 minute, interval = 10s, count = 6 }",
                "  limits { join-timeout = 5s, max-connections-per-listener = 100, max-connections-per-address = 10 }",
                "  limits.allow = [{ listener = external, networks = [\"10.10.0.0/16\", \"fd00::/8\"] }]",
                "  election { conflict-retries = 3, retry-backoff = 1s, retry-backoff-max = 1 minute }",
                "  election { lease = 30s, renew-interval = 5s, fence-margin = 5s, poll-interval = 250ms }",
                "  election.hints { enabled = false, bind = \"[::1]:7000\", max-per-second = 50 }",
                "  riak { endpoints = [\"10.0.0.1:8087\", \"riak2:8087\", \"[::1]:8087\"], bucket-type = sc, bucket = b }",
                "  metrics { jmx-enabled = false, jmx-domain = \"my.domain\" }",
                "  metrics.prometheus { enabled = true, bind = \"0.0.0.0:9100\" }",
                "}");

        Settings settings = load(file);

        assertThat(settings.embedded().available()).isFalse();
        assertThat(settings.server()).isEqualTo(new Settings.Server(4, false, Duration.ofMillis(2500),
                new Settings.Keepalive(Duration.ofSeconds(60), Duration.ofSeconds(10), 6)));
        assertThat(settings.limits()).isEqualTo(new Settings.Limits(Duration.ofSeconds(5), 100, 10,
                List.of(new Settings.Allow("external", List.of(Cidr.parse("10.10.0.0/16").orElseThrow(),
                        Cidr.parse("fd00::/8").orElseThrow())))));
        assertThat(settings.election())
                .isEqualTo(new Settings.Election(3, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofSeconds(30),
                        Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(250), Duration.ofSeconds(10),
                        new Settings.Hints(false, "::1", 7000, 50)));
        assertThat(settings.riak().endpoints()).containsExactly(new HostAndPort("10.0.0.1", 8087),
                new HostAndPort("riak2", 8087), new HostAndPort("::1", 8087));
        assertThat(settings.riak().bucketType()).isEqualTo("sc");
        assertThat(settings.riak().bucket()).isEqualTo("b");
        assertThat(settings.metrics()).isEqualTo(
                new Settings.Metrics(false, "my.domain", new Settings.Prometheus(true, "0.0.0.0", 9100)));
    }

    @Test
    void systemPropertiesOverrideTheFile() throws IOException {
        Path file = write("leader-latch.server.io-threads = 4", "leader-latch.server.shutdown-timeout = 3s");
        Config properties = systemProperties(Map.of(
                "leader-latch.server.io-threads", "8",
                "leader-latch.embedded.available", "false"));

        Settings settings = SettingsLoader.load(Optional.of(file), properties);

        assertThat(settings.server().ioThreads()).isEqualTo(8);
        assertThat(settings.server().shutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.embedded().available()).isFalse();
    }

    @Test
    void systemPropertiesOutsideTheRootAreIgnored() {
        Config properties = systemProperties(Map.of("java.vendor", "x", "leader-latchy.a", "1"));

        assertThat(SettingsLoader.load(Optional.empty(), properties).store().type()).isEqualTo(StoreType.EMBEDDED);
    }

    @Test
    void substitutionsAreResolved() throws IOException {
        Path file = write("backoff = 2s", "leader-latch.election.retry-backoff-max = ${backoff}");

        assertThat(load(file).election().retryBackoffMax()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void rejectsAnUnknownKeyNamingFileLineAndTheKnownKeys() throws IOException {
        Path file = write("# my settings", "leader-latch {", "  store.typ = embedded", "}");

        assertThatThrownBy(() -> load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":3: unknown key leader-latch.store.typ (known keys under leader-latch.store: type)");
    }

    @Test
    void listsEveryUnknownKeyInFileOrder() throws IOException {
        Path file = write("leader-latch.storage.type = riak", "leader-latch.server.threads = 2",
                "leader-latch.store.type.name = embedded");

        assertThatThrownBy(() -> load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(String.join("\n",
                        file + ":1: unknown key leader-latch.storage.type"
                                + " (known keys under leader-latch: election, embedded, limits, metrics, riak, server, store)",
                        file + ":2: unknown key leader-latch.server.threads"
                                + " (known keys under leader-latch.server: io-threads, keepalive, native-transport, shutdown-timeout)",
                        file + ":3: unknown key leader-latch.store.type.name"
                                + " (known keys under leader-latch.store: type)"));
    }

    @Test
    void rejectsAnUnknownSystemProperty() {
        Config properties = systemProperties(Map.of("leader-latch.embedded.availabel", "false"));

        assertThatThrownBy(() -> SettingsLoader.load(Optional.empty(), properties))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test system properties: unknown key leader-latch.embedded.availabel");
    }

    @Test
    void rejectsAnUnknownStoreTypeListingTheAllowedOnes() throws IOException {
        Path file = write("", "leader-latch.store.type = riakk");

        assertThatThrownBy(() -> load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":2: leader-latch.store.type = riakk: unknown store type; allowed: embedded, riak");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"127.0.0.1:9323 | 127.0.0.1 | 9323", "0.0.0.0:9100 | 0.0.0.0 | 9100",
        "[::]:9323 | :: | 9323", "::1:65535 | ::1 | 65535"})
    void acceptsPrometheusAddressesThatAreIpLiteralsWithAPort(String bind, String host, int port) throws IOException {
        Path file = write("leader-latch.metrics.prometheus.bind = \"" + bind + "\"");

        assertThat(load(file).metrics().prometheus()).isEqualTo(new Settings.Prometheus(false, host, port));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "server.io-threads = -1               | leader-latch.server.io-threads = -1: must be 0 or more",
        "server.shutdown-timeout = 0s         | leader-latch.server.shutdown-timeout = 0s: must be longer than zero",
        "server.shutdown-timeout = -1s        | leader-latch.server.shutdown-timeout = -1s: must be longer than zero",
        "election.conflict-retries = 0        | leader-latch.election.conflict-retries = 0: must be 1 or more",
        "election.retry-backoff = 0ms         | leader-latch.election.retry-backoff = 0ms: must be longer than zero",
        "election.retry-backoff-max = 0       | leader-latch.election.retry-backoff-max = 0: must be longer than zero",
        "election.lease = 0s                  | leader-latch.election.lease = 0s: must be longer than zero",
        "election.poll-interval = 0s          | leader-latch.election.poll-interval = 0s: must be longer than zero",
        "election.fence-margin = 10s          | leader-latch.election.fence-margin = 10s: must be shorter than leader-latch.election.lease = 10s",
        "election.renew-interval = 6s         | leader-latch.election.renew-interval = 6s: renew-interval + riak.request-timeout (PT2S) must be shorter than lease - fence-margin (PT8S)",
        "riak.endpoints = [\"riak1\"]           | leader-latch.riak.endpoints = [riak1]: 'riak1' is not host:port with a port 1-65535",
        "riak.endpoints = [\"riak1:0\"]         | 'riak1:0' is not host:port with a port 1-65535",
        "riak.endpoints = [\"[zz]:8087\"]       | '[zz]:8087' is not host:port with a port 1-65535",
        "riak.bucket-type = \"\"              | leader-latch.riak.bucket-type = \"\": must not be empty",
        "riak.max-connections = 0             | leader-latch.riak.max-connections = 0: must be 1 or more",
        "server.keepalive.idle = 1500ms       | leader-latch.server.keepalive.idle = 1500ms: must be whole seconds",
        "server.keepalive.count = 0           | leader-latch.server.keepalive.count = 0: must be 1 or more",
        "election.hints.bind = \"localhost:0\"  | leader-latch.election.hints.bind = localhost:0: expected <IPv4>:<port>, <IPv6>:<port> or [<IPv6>]:<port>, port 0-65535",
        "election.hints.bind = \"127.0.0.1\"  | leader-latch.election.hints.bind = 127.0.0.1: expected <IPv4>:<port>",
        "election.hints.bind = \"127.0.0.1:65536\" | leader-latch.election.hints.bind = 127.0.0.1:65536: expected <IPv4>:<port>",
        "election.hints.bind = \"0.0.0.0:7000\" | leader-latch.election.hints.bind = 0.0.0.0:7000: other instances send hints to this address, so it must be one they can reach, not a wildcard",
        "election.hints.bind = \"[::]:7000\"  | not a wildcard",
        "election.hints.max-per-second = 0    | leader-latch.election.hints.max-per-second = 0: must be 1 or more",
        "limits.join-timeout = 0s             | leader-latch.limits.join-timeout = 0s: must be longer than zero",
        "limits.max-connections-per-address = 0 | leader-latch.limits.max-connections-per-address = 0: must be 1 or more",
        "limits.allow = [{ listener = a }]    | each entry is { listener = <name>, networks = [\"<cidr>\", ...] }",
        "limits.allow = [{ listener = a, networks = [\"10.0.0.0/33\"] }] | '10.0.0.0/33' is not a network such as 10.0.0.0/8",
        "metrics.prometheus.bind = \"localhost:9323\" | leader-latch.metrics.prometheus.bind = localhost:9323: expected <IPv4>:<port>, <IPv6>:<port> or [<IPv6>]:<port>, port 1-65535",
        "metrics.prometheus.bind = \"127.0.0.1:0\" | leader-latch.metrics.prometheus.bind = 127.0.0.1:0: expected <IPv4>:<port>",
        "metrics.prometheus.bind = \"127.0.0.1\" | leader-latch.metrics.prometheus.bind = 127.0.0.1: expected <IPv4>:<port>",
        "metrics.prometheus.bind = \"[::1]:65536\" | leader-latch.metrics.prometheus.bind = [::1]:65536: expected <IPv4>:<port>",
        "metrics.prometheus.bind = 9323       | leader-latch.metrics.prometheus.bind = 9323: expected <IPv4>:<port>",
        "metrics.prometheus.enabled = perhaps | leader-latch.metrics.prometheus.enabled has type STRING rather than BOOLEAN",
        "metrics.jmx-domain = \"\"            | leader-latch.metrics.jmx-domain = \"\": must not be empty",
        "metrics.jmx-domain = \"  \"          | leader-latch.metrics.jmx-domain = \"  \": must not be empty",
        "metrics.jmx-domain = \"a:b\"         | leader-latch.metrics.jmx-domain = a:b: a JMX domain must not contain",
        "metrics.jmx-domain = \"a,b\"         | leader-latch.metrics.jmx-domain = a,b: a JMX domain must not contain",
        "metrics.jmx-domain = \"a=b\"         | leader-latch.metrics.jmx-domain = a=b: a JMX domain must not contain",
        "metrics.jmx-domain = \"a*\"          | leader-latch.metrics.jmx-domain = a*: a JMX domain must not contain",
        "metrics.jmx-domain = \"a?\"          | leader-latch.metrics.jmx-domain = a?: a JMX domain must not contain",
        "metrics.jmx-domain = \"a\\nb\"       | leader-latch.metrics.jmx-domain = \"a\\nb\": a JMX domain must not contain",
        "server.io-threads = many             | leader-latch.server.io-threads has type STRING rather than NUMBER",
        "server.shutdown-timeout = soon       | No number in duration value 'soon'",
        "embedded.available = maybe           | leader-latch.embedded.available has type STRING rather than BOOLEAN",
        "server { io-threads = 1 }}           | unbalanced close brace",
        "election.retry-backoff = ${missing}  | Could not resolve substitution to a value: ${missing}",
        "server = 4                           | Wrong value type at 'leader-latch.server', expecting: object",
    })
    void rejectsInvalidValuesNamingFileLineAndKey(String setting, String problem) throws IOException {
        Path file = write("# line 1", "leader-latch." + setting);

        assertThatThrownBy(() -> load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":2: ")
                .hasMessageContaining(problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"10.0.0.1:7000 | 10.0.0.1 | 7000", "::1:0 | ::1 | 0", "[fe80::1]:65535 | fe80::1 | 65535"})
    void acceptsHintAddressesThatAreIpLiteralsWithAPort(String bind, String host, int port) throws IOException {
        Path file = write("leader-latch.election.hints.bind = \"" + bind + "\"");

        Settings.Hints hints = load(file).election().hints();
        assertThat(hints.host()).isEqualTo(host);
        assertThat(hints.port()).isEqualTo(port);
    }

    @Test
    void theRemovedRemoteJmxSettingsSayWhatReplacedThem() throws IOException {
        Path file = write("leader-latch.metrics.jmx-remote.enabled = true");

        assertThatThrownBy(() -> load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":1: unknown key leader-latch.metrics.jmx-remote.enabled (it was removed: turn on"
                        + " the JDK's own JMX agent (-Dcom.sun.management.jmxremote.port and the password and TLS"
                        + " settings) in JAVA_OPTS; docs/metrics.md, \"Remote JMX\")");
    }

    @Test
    void rejectsARetryBackoffLongerThanItsMaximum() throws IOException {
        Path file = write("leader-latch.election {", "  retry-backoff = 10s", "  retry-backoff-max = 2s", "}");

        assertThatThrownBy(() -> load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":2: leader-latch.election.retry-backoff = 10s: must not be longer than"
                        + " leader-latch.election.retry-backoff-max = 2s (set at " + file + ":3)");
    }

    @Test
    void namesReferenceConfWhenTheDefaultMaximumIsExceeded() throws IOException {
        Path file = write("leader-latch.election.retry-backoff = 1 minute");

        assertThatThrownBy(() -> load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":1: ")
                .hasMessageMatching("(?s).*retry-backoff-max = 5s \\(set at reference\\.conf:\\d+\\)");
    }

    @Test
    void rejectsARootThatIsNotAnObject() throws IOException {
        Path file = write("leader-latch = 5");

        assertThatThrownBy(() -> load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":1: ")
                .hasMessageContaining("'leader-latch'");
    }

    @Test
    void namesAGivenFileThatIsMissing() {
        Path file = dir.resolve("nowhere/leader-latch.conf");

        assertThatThrownBy(() -> load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": file not found");
    }

    @Test
    void theShippedSettingsFileLoads() {
        Settings settings = load(Path.of("conf/leader-latch.conf"));

        assertThat(settings.store().type()).isEqualTo(StoreType.EMBEDDED);
    }

    @Test
    void theShippedRiakConfLoads() {
        Path file = Path.of("conf/riak.conf");

        RiakConf conf = RiakConfLoader.load(file);

        assertThat(conf.leaderLatchListeners()).singleElement().satisfies(listener -> {
            assertThat(listener.name()).isEqualTo("internal");
            assertThat(listener.hostAndPort()).hasToString("127.0.0.1:5323");
        });
        assertThat(conf.protobufListeners()).extracting(ListenerSpec::hostAndPort)
                .containsExactly(new HostAndPort("127.0.0.1", 8087));
        assertThat(conf.nodename()).contains("riak@127.0.0.1");
    }
}

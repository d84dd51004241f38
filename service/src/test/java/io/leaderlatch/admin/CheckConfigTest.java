package io.leaderlatch.admin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code leader-latch check-config}: the files loaded as start-up loads them, and what would run,
 * without binding a port or contacting a store.
 */
class CheckConfigTest {

    @TempDir
    Path dir;

    @Test
    void theShippedFilesRunTheEmbeddedStoreOnTheSampleListener() {
        Result result = run("check-config", "--riak-conf", "conf/riak.conf", "--config", "conf/leader-latch.conf");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains(
                "riak.conf:   conf/riak.conf\n",
                "settings:    conf/leader-latch.conf\n",
                "nodename:    riak@127.0.0.1\n",
                "listener:    internal = 127.0.0.1:5323 (conf/riak.conf:",
                "store:       embedded\n",
                "embedded:    available = true\n",
                "election:    lease 10s, renew-interval 2s, fence-margin 2s, poll-interval 1s\n",
                "hints:       udp 127.0.0.1:0 (port chosen at start), max-per-second 1000\n",
                "metrics:     jmx-enabled true, jmx-domain leaderlatch\n",
                "prometheus:  off\n")
                .endsWith("configuration OK (nothing was bound and no store was contacted)\n");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void riakEndpointsComeFromTheProtobufListenersWhenNotSet() throws IOException {
        Path riakConf = write("riak.conf", """
                nodename = riak@10.0.0.1
                listener.protobuf.internal = 10.0.0.1:8087
                listener.leader_latch.internal = 10.0.0.1:5323
                listener.leader_latch.external = [::1]:5324
                """);
        Path settings = write("leader-latch.conf", """
                leader-latch.store.type = riak
                leader-latch.riak.bucket-type = consistent
                leader-latch.riak.request-timeout = 1500ms
                """);
        Result result = run("check-config", "--riak-conf", riakConf.toString(), "--config", settings.toString());
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains(
                "listener:    internal = 10.0.0.1:5323 (" + riakConf + ":3)\n",
                "listener:    external = [::1]:5324 (" + riakConf + ":4)\n",
                "store:       riak\n",
                "endpoint:    10.0.0.1:8087 (listener.protobuf.internal, " + riakConf + ":2)\n",
                "bucket type: consistent\n",
                "bucket:      leader_latch\n",
                "riak:        request-timeout 1500ms, connect-timeout 2s, max-connections 16 per node\n");
    }

    @Test
    void configuredRiakEndpointsWin() throws IOException {
        Path riakConf = write("riak.conf", "listener.protobuf.internal = 10.0.0.1:8087\nlistener.leader_latch.internal = 10.0.0.1:5323\n");
        Path settings = write("leader-latch.conf", """
                leader-latch.store.type = riak
                leader-latch.riak.endpoints = ["riak1:8087", "[fe80::1]:8087"]
                """);
        Result result = run("check-config", "--riak-conf", riakConf.toString(), "--config", settings.toString());
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains(
                "endpoint:    riak1:8087 (leader-latch.riak.endpoints)\n",
                "endpoint:    [fe80::1]:8087 (leader-latch.riak.endpoints)\n")
                .doesNotContain("10.0.0.1:8087");
    }

    @Test
    void riakWithoutAnyEndpointFailsAsAtStartUp() throws IOException {
        Path riakConf = write("riak.conf", "listener.leader_latch.internal = 127.0.0.1:5323\n");
        Path settings = write("leader-latch.conf", "leader-latch.store.type = riak\n");
        Result result = run("check-config", "--riak-conf", riakConf.toString(), "--config", settings.toString());
        assertThat(result.exit()).isEqualTo(AdminTool.EXIT_BAD_CONFIG);
        assertThat(result.err()).isEqualTo("leader-latch: " + settings + ":1: leader-latch.store.type = riak:"
                + " leader-latch.riak.endpoints is empty and " + riakConf + " has no listener.protobuf.<name> line to"
                + " take the local Riak node from\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void anAllowListNamingAListenerThatRiakConfLacksNamesFileAndLine() throws IOException {
        Path riakConf = write("riak.conf", "listener.leader_latch.internal = 127.0.0.1:5323\n"
                + "listener.leader_latch.external = 127.0.0.1:5324\n");
        Path settings = write("leader-latch.conf", """
                leader-latch.limits.allow = [
                  { listener = externl, networks = ["10.0.0.0/8"] }
                ]
                """);
        Result result = run("check-config", "--riak-conf", riakConf.toString(), "--config", settings.toString());
        assertThat(result.exit()).isEqualTo(AdminTool.EXIT_BAD_CONFIG);
        assertThat(result.err()).isEqualTo("leader-latch: " + settings + ":2: leader-latch.limits.allow names listener"
                + " 'externl', but " + riakConf + " has no listener.leader_latch.externl (it has internal, external)\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aBadRiakConfNamesFileAndLine() throws IOException {
        Path riakConf = write("riak.conf", "nodename = riak@127.0.0.1\nlistener.leader_latch.internal = localhost:5323\n");
        Result result = run("check-config", "--riak-conf", riakConf.toString(), "--no-config");
        assertThat(result.exit()).isEqualTo(AdminTool.EXIT_BAD_CONFIG);
        assertThat(result.err()).isEqualTo("leader-latch: " + riakConf + ":2: listener.leader_latch.internal:"
                + " malformed address 'localhost:5323': expected <IPv4>:<port>, <IPv6>:<port> or [<IPv6>]:<port>\n");
    }

    @Test
    void aBadSettingNamesFileAndLine() throws IOException {
        Path settings = write("leader-latch.conf", "\nleader-latch.store.typ = riak\n");
        Result result = run("check-config", "--riak-conf", "conf/riak.conf", "--config", settings.toString());
        assertThat(result.exit()).isEqualTo(AdminTool.EXIT_BAD_CONFIG);
        assertThat(result.err()).startsWith("leader-latch: " + settings + ":2: unknown key leader-latch.store.typ");
    }

    @Test
    void showsWhereThePrometheusEndpointWouldListen() throws IOException {
        Path settings = write("leader-latch.conf",
                "leader-latch.metrics.prometheus { enabled = true, bind = \"[::1]:9100\" }\n");
        Result result = run("check-config", "--riak-conf", "conf/riak.conf", "--config", settings.toString());
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("prometheus:  http://[::1]:9100/metrics\n");
    }

    @Test
    void aBadPrometheusAddressNamesFileAndLine() throws IOException {
        Path settings = write("leader-latch.conf", "\nleader-latch.metrics.prometheus.bind = \"localhost:9323\"\n");
        Result result = run("check-config", "--riak-conf", "conf/riak.conf", "--config", settings.toString());
        assertThat(result.exit()).isEqualTo(AdminTool.EXIT_BAD_CONFIG);
        assertThat(result.err()).isEqualTo("leader-latch: " + settings + ":2: leader-latch.metrics.prometheus.bind"
                + " = localhost:9323: expected <IPv4>:<port>, <IPv6>:<port> or [<IPv6>]:<port>, port 1-65535\n");
    }

    @Test
    void withoutASettingsFileTheDefaultsApply() {
        Result result = run("check-config", "--riak-conf", "conf/riak.conf", "--no-config");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("settings:    none (defaults and -D system properties only)\n",
                "store:       embedded\n");
    }

    @Test
    void neitherBindsNorConnects() throws IOException {
        // The listener's port is taken and no Riak answers at the endpoint: start-up would fail on
        // the first and keep retrying the second, but the check reads the files only.
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Path riakConf = write("riak.conf", "listener.leader_latch.internal = 127.0.0.1:" + taken.getLocalPort()
                    + "\nlistener.protobuf.internal = 127.0.0.1:" + taken.getLocalPort() + "\n");
            Path settings = write("leader-latch.conf", "leader-latch.store.type = riak\n");
            Result result = run("check-config", "--riak-conf", riakConf.toString(), "--config", settings.toString());
            assertThat(result.exit()).as(result.err()).isZero();
            assertThat(result.out()).contains("listener:    internal = 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void durationsReadAsWritten() {
        assertThat(ConfigReport.duration(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(ConfigReport.duration(Duration.ofMillis(50))).isEqualTo("50ms");
        assertThat(ConfigReport.duration(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(ConfigReport.duration(Duration.ofNanos(1500))).isEqualTo("PT0.0000015S");
    }

    @Test
    void aBadCommandLineIsAUsageError() {
        // 2, LSB's "invalid arguments", as the script exits on a bad command line.
        assertThat(run().exit()).isEqualTo(2);
        assertThat(run("status").exit()).isEqualTo(2);
        assertThat(run("status", "abc").exit()).isEqualTo(2);
        assertThat(run("metrics", "-1").exit()).isEqualTo(2);
        assertThat(run("groups", "1", "g", "extra").exit()).isEqualTo(2);
        assertThat(run("await-listening", "1").exit()).isEqualTo(2);
        assertThat(run("await-listening", "1", "soon").exit()).isEqualTo(2);
        Result bogus = run("bogus");
        assertThat(bogus.exit()).isEqualTo(2);
        assertThat(bogus.err()).startsWith("usage: AdminTool status PID");
        Result badFlag = run("check-config", "--bogus");
        assertThat(badFlag.exit()).isEqualTo(AdminTool.EXIT_USAGE);
        assertThat(badFlag.err()).contains("unknown argument '--bogus'");
    }

    record Result(int exit, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AdminTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}

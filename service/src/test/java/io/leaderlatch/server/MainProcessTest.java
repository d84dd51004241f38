package io.leaderlatch.server;

import io.leaderlatch.testing.ChildJvm;
import io.leaderlatch.testing.FreePorts;
import io.leaderlatch.testing.LineClient;
import io.leaderlatch.testing.Timing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The service as an operator runs it: its own process, real config files, signals, exit codes. */
class MainProcessTest {

    @TempDir
    Path dir;

    @Test
    void sigtermClosesConnectionsAndExitsZero() throws Exception {
        int port = FreePorts.pick();
        Path riakConf = write("riak.conf", "nodename = riak@127.0.0.1\nlistener.leader_latch.internal = 127.0.0.1:" + port + "\n");
        Path log = dir.resolve("service.log");
        Process service = ChildJvm.start(Main.class, log, List.of(), "--riak-conf", riakConf.toString());
        try {
            await().atMost(Timing.patience()).until(() -> Files.readString(log).contains("serving 1 listener(s)"));
            try (LineClient client = LineClient.connect(new InetSocketAddress("127.0.0.1", port))) {
                assertThat(client.join("g", "a")).isEqualTo("LEADER a");
                service.destroy(); // SIGTERM
                client.assertClosedByService();
            }
            assertThat(service.waitFor(Timing.patience().toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(service.exitValue()).as(Files.readString(log)).isZero();
            assertThat(Files.readString(log)).contains("stopped; closed 1 client connection(s)");
        } finally {
            service.destroyForcibly();
        }
    }

    @Test
    void aBadRiakConfStopsStartUpNamingFileAndLine() throws Exception {
        Path riakConf = write("riak.conf", """
                nodename = riak@127.0.0.1
                listener.leader_latch.internal = 127.0.0.1:5323
                listener.leader_latch.internal = 127.0.0.1:5324
                """);
        Result result = run("--riak-conf", riakConf.toString());
        assertThat(result.exit()).isEqualTo(Main.EXIT_BAD_CONFIG);
        assertThat(result.output()).contains(riakConf + ":3:").contains("listener.leader_latch.internal");
    }

    @Test
    void aPortInUseStopsStartUpNamingTheListener() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Path riakConf = write("riak.conf", "listener.leader_latch.busy = 127.0.0.1:" + taken.getLocalPort() + "\n");
            Result result = run("--riak-conf", riakConf.toString());
            assertThat(result.exit()).isEqualTo(Main.EXIT_STARTUP_FAILED);
            assertThat(result.output()).contains("listener.leader_latch.busy = 127.0.0.1:" + taken.getLocalPort())
                    .contains(riakConf + ":1").contains("cannot listen")
                    // Listeners are bound before the instance registers: nothing was written.
                    .doesNotContain("holds its lease");
        }
    }

    @Test
    void anAllowListNamingAnUnknownListenerStopsStartUpBeforeAnythingRuns() throws Exception {
        Path riakConf = write("riak.conf", "listener.leader_latch.internal = 127.0.0.1:" + FreePorts.pick() + "\n");
        Path settings = write("leader-latch.conf", """
                leader-latch.limits.allow = [
                  { listener = externl, networks = ["10.0.0.0/8"] }
                ]
                """);
        Result result = run("--riak-conf", riakConf.toString(), "--config", settings.toString());
        assertThat(result.exit()).isEqualTo(Main.EXIT_BAD_CONFIG);
        assertThat(result.output()).contains("leader-latch: " + settings + ":2: leader-latch.limits.allow names listener"
                        + " 'externl', but " + riakConf + " has no listener.leader_latch.externl")
                .doesNotContain("holds its lease").doesNotContain("listener internal on");
    }

    @Test
    void aRiakEndpointThatDoesNotResolveIsAStoreNotReadyNotACrash() throws Exception {
        int port = FreePorts.pick();
        Path riakConf = write("riak.conf", "listener.leader_latch.internal = 127.0.0.1:" + port + "\n");
        Path settings = write("leader-latch.conf", """
                leader-latch.store.type = riak
                leader-latch.riak.endpoints = ["no-such-host.invalid:8087"]
                leader-latch.riak.request-timeout = 500ms
                """);
        Path log = dir.resolve("service.log");
        Process service = ChildJvm.start(Main.class, log, List.of(), "--riak-conf", riakConf.toString(),
                "--config", settings.toString());
        try {
            await().atMost(Timing.patience()).until(() -> Files.readString(log).contains("serving 1 listener(s)"));
            assertThat(Files.readString(log)).contains("cannot resolve the Riak endpoint(s) no-such-host.invalid:8087");
            try (LineClient client = LineClient.connect(new InetSocketAddress("127.0.0.1", port))) {
                assertThat(client.join("g", "a")).isEqualTo("JOIN_FAILED SERVICE_UNAVAILABLE");
            }
            assertThat(service.isAlive()).as(Files.readString(log)).isTrue();
            service.destroy();
            assertThat(service.waitFor(Timing.patience().toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(service.exitValue()).as(Files.readString(log)).isZero();
            assertThat(Files.readString(log)).doesNotContain("Exception");
        } finally {
            service.destroyForcibly();
        }
    }

    @Test
    void aMissingSettingsFileNamedOnTheCommandLineStopsStartUp() throws Exception {
        Path riakConf = write("riak.conf", "listener.leader_latch.internal = 127.0.0.1:" + FreePorts.pick() + "\n");
        Path missing = dir.resolve("nowhere.conf");
        Result result = run("--riak-conf", riakConf.toString(), "--config", missing.toString());
        assertThat(result.exit()).isEqualTo(Main.EXIT_BAD_CONFIG);
        assertThat(result.output()).contains(missing.toString());
    }

    @Test
    void anUnknownArgumentIsRefusedWithUsage() throws Exception {
        Result result = run("--bogus");
        assertThat(result.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(result.output()).contains("unknown argument '--bogus'").contains("usage:");
    }

    private record Result(int exit, String output) {
    }

    private Result run(String... args) throws Exception {
        Path log = dir.resolve("run.log");
        Process process = ChildJvm.start(Main.class, log, List.of(), args);
        try {
            assertThat(process.waitFor(Timing.patience().toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            return new Result(process.exitValue(), Files.readString(log));
        } finally {
            process.destroyForcibly();
        }
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}

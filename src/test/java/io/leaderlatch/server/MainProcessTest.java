package io.leaderlatch.server;

import io.leaderlatch.testing.ChildJvm;
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
        int port = freePort();
        Path riakConf = write("riak.conf", "nodename = riak@127.0.0.1\nlistener.leader_latch.internal = 127.0.0.1:" + port + "\n");
        Path log = dir.resolve("service.log");
        Process service = ChildJvm.start(Main.class, log, List.of(), "--riak-conf", riakConf.toString());
        try {
            await().atMost(Timing.patience()).until(() -> Files.readString(log).contains("listener internal on"));
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
                    .contains(riakConf + ":1").contains("cannot listen");
        }
    }

    @Test
    void aMissingSettingsFileNamedOnTheCommandLineStopsStartUp() throws Exception {
        Path riakConf = write("riak.conf", "listener.leader_latch.internal = 127.0.0.1:" + freePort() + "\n");
        Path missing = dir.resolve("nowhere.conf");
        Result result = run("--riak-conf", riakConf.toString(), "--config", missing.toString());
        assertThat(result.exit()).isEqualTo(Main.EXIT_BAD_CONFIG);
        assertThat(result.output()).contains(missing.toString());
    }

    @Test
    void anUnknownArgumentIsRefusedWithUsage() throws Exception {
        Result result = run("--bogus");
        assertThat(result.exit()).isEqualTo(Main.EXIT_BAD_CONFIG);
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

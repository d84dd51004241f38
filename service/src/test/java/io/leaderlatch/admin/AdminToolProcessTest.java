package io.leaderlatch.admin;

import io.leaderlatch.server.Main;
import io.leaderlatch.testing.ChildJvm;
import io.leaderlatch.testing.FreePorts;
import io.leaderlatch.testing.LineClient;
import io.leaderlatch.testing.Timing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code status}, {@code metrics}, {@code groups}, {@code instances} and {@code await-listening} as
 * the launcher runs them: the service in its own JVM, the tool attaching to it by process id. Exit
 * codes are written as numbers: they are what operators' tools read (docs/operations.md).
 */
class AdminToolProcessTest {

    @TempDir
    Path dir;

    @Test
    void statusAndMetricsOfAServingInstance() throws Exception {
        int port = FreePorts.pick();
        Process service = start(port, List.of());
        try (LineClient client = LineClient.connect(new InetSocketAddress("127.0.0.1", port))) {
            assertThat(client.join("g", "a")).isEqualTo("LEADER a");

            CheckConfigTest.Result status = CheckConfigTest.run("status", Long.toString(service.pid()));
            assertThat(status.exit()).as(status.err()).isEqualTo(AdminTool.EXIT_OK);
            assertThat(status.out()).startsWith("leader-latch is running (pid " + service.pid() + ") and serving\n")
                    .containsPattern("instance: +riak@127\\.0\\.0\\.1/[0-9a-f]{12}\n")
                    .contains("listener:  internal=127.0.0.1:" + port + "\n", "lease:     held\n");

            CheckConfigTest.Result metrics = CheckConfigTest.run("metrics", Long.toString(service.pid()));
            assertThat(metrics.exit()).as(metrics.err()).isEqualTo(AdminTool.EXIT_OK);
            assertThat(metrics.out()).containsPattern("(?m)^leaderlatch\\.lease\\.held +value=1$")
                    .containsPattern("(?m)^leaderlatch\\.joins\\{listener=internal,result=leader} +count=1$")
                    .containsPattern("(?m)^leaderlatch\\.connections\\.open\\{listener=internal} +value=1$");
        } finally {
            stop(service);
        }
        CheckConfigTest.Result gone = CheckConfigTest.run("status", Long.toString(service.pid()));
        assertThat(gone.exit()).as("LSB: status unknown").isEqualTo(4);
        assertThat(gone.err()).startsWith("leader-latch: cannot tell: cannot attach to process " + service.pid());
    }

    @Test
    void awaitListeningAsksTheServiceNotItsLog() throws Exception {
        int port = FreePorts.pick();
        // Nothing below WARN in the log: no line says the listeners are open.
        Process service = launch(port, List.of("-DLEADER_LATCH_LOG_LEVEL=WARN"));
        try {
            // At once: the tool must not attach before the JVM can take it.
            CheckConfigTest.Result listening = CheckConfigTest.run("await-listening", Long.toString(service.pid()),
                    Long.toString(Timing.patience().toSeconds()));
            assertThat(listening.exit()).as(listening.err()).isEqualTo(0);
            assertThat(listening.out()).isEqualTo("  listener internal on 127.0.0.1:" + port + "\n");
            assertThat(service.isAlive()).isTrue();
            assertThat(Files.readString(log(port))).doesNotContain("listener(s) over");
        } finally {
            stop(service);
        }
    }

    @Test
    void awaitListeningSaysWhenTheServiceDoesNotServeYet() throws Exception {
        int port = FreePorts.pick();
        Process service = launch(port, List.of("-Dleader-latch.embedded.available=false"));
        try {
            CheckConfigTest.Result listening = CheckConfigTest.run("await-listening", Long.toString(service.pid()),
                    Long.toString(Timing.patience().toSeconds()));
            assertThat(listening.exit()).as(listening.err()).isEqualTo(0);
            assertThat(listening.out()).startsWith("  listener internal on 127.0.0.1:" + port + "\n")
                    .contains("  not serving yet: it does not hold its lease");
        } finally {
            stop(service);
        }
    }

    @Test
    void awaitListeningOfAServiceThatExitsAtStartUpIsNotRunning() throws Exception {
        Path riakConf = Files.writeString(dir.resolve("bad.conf"), "listener.leader_latch.internal = localhost:1\n");
        Process service = ChildJvm.start(Main.class, dir.resolve("bad.log"), List.of(),
                "--riak-conf", riakConf.toString(), "--no-config");
        try {
            CheckConfigTest.Result listening = CheckConfigTest.run("await-listening", Long.toString(service.pid()),
                    Long.toString(Timing.patience().toSeconds()));
            assertThat(listening.exit()).as("LSB: program is not running").isEqualTo(7);
            assertThat(listening.err()).contains("process " + service.pid() + " exited before it opened its listeners");
            assertThat(service.waitFor(Timing.patience().toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(service.exitValue()).as("LSB: program is not configured").isEqualTo(6);
        } finally {
            service.destroyForcibly();
        }
    }

    @Test
    void aProcessThatIsNoJvmIsNeverSignalledAndCannotBeTold() throws Exception {
        // The Attach API asks a JVM by SIGQUIT, which would end this process.
        Process sleeper = new ProcessBuilder("sleep", "300").start();
        try {
            String pid = Long.toString(sleeper.pid());
            CheckConfigTest.Result listening = CheckConfigTest.run("await-listening", pid, "1");
            assertThat(listening.exit()).as("not listening in time").isEqualTo(150);
            assertThat(listening.err()).contains("has not opened its listeners within 1 s");
            CheckConfigTest.Result status = CheckConfigTest.run("status", pid);
            assertThat(status.exit()).as("LSB: status unknown").isEqualTo(4);
            assertThat(status.err()).contains("cannot tell: cannot attach to process " + pid);
            assertThat(sleeper.isAlive()).isTrue();
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void groupsAndInstancesAsTheStoreHoldsThem() throws Exception {
        int port = FreePorts.pick();
        Process service = start(port, List.of());
        try (LineClient a = LineClient.connect(new InetSocketAddress("127.0.0.1", port));
             LineClient b = LineClient.connect(new InetSocketAddress("127.0.0.1", port));
             LineClient c = LineClient.connect(new InetSocketAddress("127.0.0.1", port))) {
            assertThat(a.join("spark-master", "a")).isEqualTo("LEADER a");
            assertThat(b.send("TERMS").readLine()).isEqualTo("TERMS 2000");
            assertThat(b.join("spark-master", "b")).isEqualTo("LEADER a 1");
            assertThat(c.join("etl", "c")).isEqualTo("LEADER c");
            String pid = Long.toString(service.pid());

            CheckConfigTest.Result all = CheckConfigTest.run("groups", pid);
            assertThat(all.exit()).as(all.err()).isEqualTo(AdminTool.EXIT_OK);
            assertThat(all.out()).containsPattern("(?m)^etl  term \\d+  leader c$")
                    .containsPattern("(?m)^spark-master  term 1  leader a\n  1\\. a  riak@127\\.0\\.0\\.1/[0-9a-f]{12}  since "
                            + "\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z  \\(leader\\)\n  2\\. b  ");

            CheckConfigTest.Result one = CheckConfigTest.run("groups", pid, "spark-master", "--json");
            assertThat(one.exit()).as(one.err()).isEqualTo(AdminTool.EXIT_OK);
            assertThat(one.out()).startsWith("{\"groups\":[{\"name\":\"spark-master\",\"term\":1,\"leader\":\"a\",\"members\":[")
                    .doesNotContain("etl");

            CheckConfigTest.Result instances = CheckConfigTest.run("instances", pid, "--json");
            assertThat(instances.exit()).as(instances.err()).isEqualTo(AdminTool.EXIT_OK);
            assertThat(instances.out()).containsPattern("\\{\"id\":\"riak@127\\.0\\.0\\.1/[0-9a-f]{12}\",\"self\":true,"
                    + "\"heartbeat\":\\d+,\"leaseMillis\":10000,");
        } finally {
            stop(service);
        }
    }

    @Test
    void statusOfAnInstanceWithoutItsLeaseIsNotServing() throws Exception {
        Process service = start(FreePorts.pick(), List.of("-Dleader-latch.embedded.available=false"));
        try {
            CheckConfigTest.Result status = CheckConfigTest.run("status", Long.toString(service.pid()));
            assertThat(status.exit()).as("running but not serving: %s", status.err()).isEqualTo(150);
            assertThat(status.out()).contains("but not serving").contains("lease:     not held\n");
        } finally {
            stop(service);
        }
    }

    @Test
    void metricsSaysSoWhenTheMetersArePrivate() throws Exception {
        Process service = start(FreePorts.pick(), List.of("-Dleader-latch.metrics.jmx-enabled=false"));
        try {
            assertThat(CheckConfigTest.run("status", Long.toString(service.pid())).exit()).isEqualTo(AdminTool.EXIT_OK);
            CheckConfigTest.Result metrics = CheckConfigTest.run("metrics", Long.toString(service.pid()));
            assertThat(metrics.exit()).as("LSB: generic failure").isEqualTo(1);
            assertThat(metrics.err()).contains("leader-latch.metrics.jmx-enabled = false");
        } finally {
            stop(service);
        }
    }

    /** Starts the service and waits until it says it serves its listeners. */
    private Process start(int port, List<String> jvmOptions) throws IOException {
        Process service = launch(port, jvmOptions);
        Path log = log(port);
        await().atMost(Timing.patience()).until(() -> {
            assertThat(service.isAlive()).as("the service exited: %s", Files.readString(log)).isTrue();
            return Files.readString(log).contains("listener(s) over");
        });
        return service;
    }

    /** Starts the service on {@code port} and returns at once. */
    private Process launch(int port, List<String> jvmOptions) throws IOException {
        Path riakConf = Files.writeString(dir.resolve("riak.conf"),
                "nodename = riak@127.0.0.1\nlistener.leader_latch.internal = 127.0.0.1:" + port + "\n");
        return ChildJvm.start(Main.class, log(port), jvmOptions, "--riak-conf", riakConf.toString(), "--no-config");
    }

    private Path log(int port) {
        return dir.resolve("service-" + port + ".log");
    }

    private static void stop(Process service) throws InterruptedException {
        service.destroy();
        if (!service.waitFor(Timing.patience().toMillis(), TimeUnit.MILLISECONDS)) {
            service.destroyForcibly();
        }
    }
}

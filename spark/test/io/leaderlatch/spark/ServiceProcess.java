package io.leaderlatch.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The leader-latch service from its self-contained jar, on the embedded store, in its own JVM. */
final class ServiceProcess implements AutoCloseable {

    private static final Duration START_BOUND = Duration.ofSeconds(90);

    private final ChildProcess process;
    private final InetSocketAddress address;

    private ServiceProcess(ChildProcess process, InetSocketAddress address) {
        this.process = process;
        this.address = address;
    }

    /**
     * Starts the service listening on a free loopback port, with {@code settings} (lines of its
     * settings file) beside the embedded store; returns once it answers a JOIN.
     */
    static ServiceProcess start(Path jar, Path logDir, List<String> settings) {
        return start(Placement.LOOPBACK, jar, logDir, settings);
    }

    /** As above, on {@code placement}'s host. */
    static ServiceProcess start(Placement placement, Path jar, Path logDir, List<String> settings) {
        int port = FreePorts.pick();
        try {
            Path riakConf = Files.write(logDir.resolve("service-riak.conf"), List.of(
                    "nodename = spark-test@127.0.0.1",
                    "listener.leader_latch.internal = " + placement.host() + ":" + port));
            List<String> lines = new ArrayList<>(List.of("leader-latch.store.type = embedded"));
            lines.addAll(settings);
            Path settingsFile = Files.write(logDir.resolve("service-leader-latch.conf"), lines);
            ChildProcess child = ChildProcess.startJar(placement, "leader-latch", logDir, jar,
                    List.of("-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                    List.of("--riak-conf", riakConf.toString(), "--config", settingsFile.toString()));
            ServiceProcess service = new ServiceProcess(child, new InetSocketAddress(placement.host(), port));
            Bounded.until(() -> {
                if (!child.isAlive()) {
                    throw new IllegalStateException("the service exited at start-up; see " + child.log());
                }
                // A test host's service cannot be reached from here; its log says it serves.
                return placement.namespace().isEmpty() ? service.answersJoin() : service.logsServing();
            }, START_BOUND, "answer to a JOIN from " + child);
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code host:port}, as {@code spark.deploy.leaderlatch.endpoints} takes it. */
    String endpoint() {
        return address.getHostString() + ":" + address.getPort();
    }

    private boolean logsServing() {
        try {
            return Files.readString(process.log()).contains(" listener(s) over ");
        } catch (IOException e) {
            return false;
        }
    }

    private boolean answersJoin() {
        try (Socket socket = new Socket()) {
            socket.connect(address, 1000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("JOIN ready-probe probe\n".getBytes(StandardCharsets.US_ASCII));
            byte[] answer = socket.getInputStream().readNBytes("LEADER probe\n".length());
            return new String(answer, StandardCharsets.US_ASCII).equals("LEADER probe\n");
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGKILL: every client connection drops at once. */
    void kill() {
        process.kill();
        process.awaitExit();
    }

    @Override
    public void close() {
        process.close();
    }
}

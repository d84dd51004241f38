package io.leaderlatch.bench;

import io.leaderlatch.testing.FreePorts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A standalone ZooKeeper server in its own JVM ({@code ZooKeeperServerMain}): tickTime 1000, every
 * transaction synced to disk, listening on loopback only, logging at INFO as ZooKeeper's own
 * {@code conf/logback.xml} does. Two settings differ from ZooKeeper's defaults, both so that it can
 * take the benchmark's clients at all: no limit of connections per address (the default, 60,
 * would refuse all but 60 of them, as they all come from 127.0.0.1), and a listen backlog of 4096,
 * the same as the service gets from the kernel's {@code somaxconn}.
 */
final class ZooKeeperProcess {

    static final String MAIN = "org.apache.zookeeper.server.ZooKeeperServerMain";
    static final int LISTEN_BACKLOG = 4096;
    private static final Duration START_BOUND = Duration.ofSeconds(60);

    private static final String LOGBACK = """
            <configuration>
              <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
                <encoder>
                  <pattern>%d{ISO8601} [myid:%X{myid}] - %-5p [%t:%C{1}@%L] - %m%n</pattern>
                </encoder>
                <filter class="ch.qos.logback.classic.filter.ThresholdFilter">
                  <level>INFO</level>
                </filter>
              </appender>
              <root level="INFO">
                <appender-ref ref="CONSOLE"/>
              </root>
            </configuration>
            """;

    private final Process process;
    private final InetSocketAddress address;

    private ZooKeeperProcess(Process process, InetSocketAddress address) {
        this.process = process;
        this.address = address;
    }

    static ZooKeeperProcess start(ChildJvms jvms, List<String> jvmOptions) {
        int port = FreePorts.pick();
        Path dir = jvms.logDir();
        try {
            Path data = Files.createDirectories(dir.resolve("zookeeper-data"));
            Path config = Files.write(dir.resolve("zoo.cfg"), List.of(
                    "tickTime=1000",
                    "dataDir=" + data,
                    "clientPort=" + port,
                    "clientPortAddress=127.0.0.1",
                    "forceSync=yes",
                    "maxClientCnxns=0",
                    "clientPortListenBacklog=" + LISTEN_BACKLOG,
                    "admin.enableServer=false"));
            Path logback = Files.writeString(dir.resolve("zookeeper-logback.xml"), LOGBACK);
            List<String> options = new ArrayList<>(jvmOptions);
            options.add("-Dlogback.configurationFile=" + logback);
            Process process = jvms.start("zookeeper", options, MAIN, List.of(config.toString()));
            ZooKeeperProcess zookeeper = new ZooKeeperProcess(process, new InetSocketAddress("127.0.0.1", port));
            Path log = jvms.log("zookeeper");
            Bounded.until(() -> zookeeper.serving(log), START_BOUND, "ZooKeeper to serve (" + log + ")");
            return zookeeper;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True once the server answers the {@code srvr} command; fails when its start-up thread died. */
    private boolean serving(Path log) {
        if (!process.isAlive() || logSays(log, "died")) {
            throw new BenchFailure("ZooKeeper failed to start; see " + log);
        }
        try (Socket socket = new Socket()) {
            socket.connect(address, 1000);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("srvr".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).contains("Zookeeper version");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean logSays(Path log, String text) {
        try {
            return Files.exists(log) && Files.readString(log).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String connectString() {
        return address.getHostString() + ":" + address.getPort();
    }

    long pid() {
        return process.pid();
    }

    void stop() {
        ChildJvms.stop(process);
    }
}

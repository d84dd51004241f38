package io.leaderlatch.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A standalone ZooKeeper server ({@code ZooKeeperServerMain}, the version Spark's class path
 * carries) with ZooKeeper's default tickTime of 2000 ms, for Spark's built-in ZOOKEEPER mode.
 */
final class ZooKeeperServer implements AutoCloseable {

    private static final String MAIN = "org.apache.zookeeper.server.ZooKeeperServerMain";
    private static final Duration START_BOUND = Duration.ofSeconds(60);

    private final ChildProcess process;
    private final Placement placement;
    private final int port;

    private ZooKeeperServer(ChildProcess process, Placement placement, int port) {
        this.process = process;
        this.placement = placement;
        this.port = port;
    }

    static ZooKeeperServer start(SparkJvm jvm) {
        return start(jvm, Placement.LOOPBACK);
    }

    /** As above, on {@code placement}'s host. */
    static ZooKeeperServer start(SparkJvm jvm, Placement placement) {
        int port = FreePorts.pick();
        try {
            Path data = Files.createDirectories(jvm.logDir().resolve("zookeeper-data"));
            Path config = Files.write(jvm.logDir().resolve("zoo.cfg"), List.of(
                    "tickTime=2000",
                    "dataDir=" + data,
                    "clientPort=" + port,
                    "clientPortAddress=" + placement.host(),
                    "admin.enableServer=false"));
            ChildProcess child = jvm.start(placement, "zookeeper", List.of(), MAIN, List.of(config.toString()));
            ZooKeeperServer server = new ZooKeeperServer(child, placement, port);
            Bounded.until(server::accepts, START_BOUND, "ZooKeeper to listen: " + child);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code host:port}, as {@code spark.deploy.zookeeper.url} takes it. */
    String connect() {
        return placement.host() + ":" + port;
    }

    private boolean accepts() {
        return placement.accepts(port);
    }

    @Override
    public void close() {
        process.close();
    }
}

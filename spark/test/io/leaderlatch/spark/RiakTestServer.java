package io.leaderlatch.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The project's Riak protocol test server ({@code io.leaderlatch.testing.riak.RiakServerMain}, from the
 * test kit) in a JVM of its own: nodes that answer get, put and delete as
 * Riak's strongly consistent bucket type {@code strong} does. It stops when its input ends.
 */
final class RiakTestServer implements AutoCloseable {

    private static final String MAIN = "io.leaderlatch.testing.riak.RiakServerMain";
    private static final String ENDPOINTS = "ENDPOINTS ";
    private static final Duration START_BOUND = Duration.ofSeconds(60);

    private final ChildProcess process;
    private List<InetSocketAddress> nodes = List.of();

    private RiakTestServer(ChildProcess process) {
        this.process = process;
    }

    /** Starts {@code nodeCount} nodes answering at once; returns once they listen. */
    static RiakTestServer start(Path logDir, int nodeCount) {
        ChildProcess child = ChildProcess.startJavaWithInput("riak-test-server", logDir, TestPaths.riakServerClasspath(),
                List.of("-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), MAIN,
                List.of(Integer.toString(nodeCount), "0", "0", "0"));
        RiakTestServer server = new RiakTestServer(child);
        Bounded.until(() -> {
            if (!child.isAlive()) {
                throw new IllegalStateException("the Riak test server exited at start-up: " + child);
            }
            server.nodes = server.endpointsLine().map(RiakTestServer::nodes).orElse(List.of());
            return !server.nodes.isEmpty();
        }, START_BOUND, "the Riak test server to listen: " + child);
        return server;
    }

    List<InetSocketAddress> nodes() {
        return nodes;
    }

    private Optional<String> endpointsLine() {
        try {
            return Files.readAllLines(process.log()).stream().filter(line -> line.startsWith(ENDPOINTS)).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<InetSocketAddress> nodes(String line) {
        List<InetSocketAddress> nodes = new ArrayList<>();
        Arrays.stream(line.substring(ENDPOINTS.length()).trim().split(" "))
                .forEach(port -> nodes.add(new InetSocketAddress("127.0.0.1", Integer.parseInt(port))));
        return nodes;
    }

    @Override
    public void close() {
        process.closeInput();
        process.close();
    }
}

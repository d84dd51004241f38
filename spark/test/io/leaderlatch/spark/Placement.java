package io.leaderlatch.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where a process of the trials runs: on this host's loopback, or on a test host of its own
 * ({@link Lan}), which this JVM cannot reach by socket; there it is started, and reached, through
 * {@code ip netns exec}.
 *
 * @param host the address it binds and others reach it at
 * @param namespace the test host's network namespace; empty on loopback
 */
record Placement(String host, Optional<String> namespace) {

    static final Placement LOOPBACK = new Placement("127.0.0.1", Optional.empty());

    /** {@code command}, run where this placement says. */
    List<String> wrap(List<String> command) {
        if (namespace.isEmpty()) {
            return command;
        }
        List<String> inside = new ArrayList<>(List.of("ip", "netns", "exec", namespace.get()));
        inside.addAll(command);
        return inside;
    }

    /** True when a TCP connection to {@code port} on this placement's host can be opened from within it. */
    boolean accepts(int port) {
        if (namespace.isEmpty()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 1000);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
        return run(List.of("bash", "-c", "exec 3<>/dev/tcp/" + host + "/" + port)).isPresent();
    }

    /** The body of an HTTP GET of {@code path} on {@code port}, fetched from within this placement. */
    Optional<String> httpGet(int port, String path) {
        return run(List.of("curl", "-s", "-f", "-m", "2", "http://" + host + ":" + port + path));
    }

    private Optional<String> run(List<String> command) {
        try {
            Process process = new ProcessBuilder(wrap(command)).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 ? Optional.of(output) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}

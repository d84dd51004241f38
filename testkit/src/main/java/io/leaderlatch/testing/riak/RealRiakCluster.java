package io.leaderlatch.testing.riak;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real Riak KV cluster named by the environment, for the real-Riak suite ({@code @RealRiak}):
 * its protocol buffers endpoints, one per node, from {@value #ENDPOINTS_PROPERTY} (system property)
 * or {@value #ENDPOINTS_VARIABLE} (environment), e.g. {@code 127.0.0.1:18017,127.0.0.1:18027,127.0.0.1:18037}.
 * The cluster must have strong consistency on and an active bucket type {@code strong}.
 *
 * <p>Fault tests also need a way to stop and start its nodes: a command from
 * {@value #CONTROL_PROPERTY} or {@value #CONTROL_VARIABLE} that takes {@code node N start|stop|kill|pause|resume}
 * and {@code status} (exit 0 once every node answers and every ensemble has a leader), as the
 * prebuilt test cluster's {@code riak-cluster} script does. Every test writes into a bucket of its
 * own, so nothing needs to be cleared between tests.
 */
public final class RealRiakCluster {

    public static final String ENDPOINTS_PROPERTY = "leaderlatch.riak.pb";
    public static final String ENDPOINTS_VARIABLE = "LEADER_LATCH_RIAK_PB";
    public static final String CONTROL_PROPERTY = "leaderlatch.riak.control";
    public static final String CONTROL_VARIABLE = "LEADER_LATCH_RIAK_CONTROL";
    public static final String BUCKET_TYPE = "strong";

    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static final Duration READY_PATIENCE = Duration.ofSeconds(180);

    private final List<InetSocketAddress> endpoints;
    private final Optional<String> control;

    private RealRiakCluster(List<InetSocketAddress> endpoints, Optional<String> control) {
        this.endpoints = List.copyOf(endpoints);
        this.control = control;
    }

    /** The cluster the environment names, if it names one. */
    public static Optional<RealRiakCluster> fromEnvironment() {
        return setting(ENDPOINTS_PROPERTY, ENDPOINTS_VARIABLE).map(list -> {
            List<InetSocketAddress> endpoints = new ArrayList<>();
            for (String endpoint : list.split(",")) {
                String trimmed = endpoint.trim();
                int colon = trimmed.lastIndexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException(ENDPOINTS_VARIABLE + ": '" + trimmed + "' is not host:port");
                }
                endpoints.add(new InetSocketAddress(trimmed.substring(0, colon), Integer.parseInt(trimmed.substring(colon + 1))));
            }
            return new RealRiakCluster(endpoints, setting(CONTROL_PROPERTY, CONTROL_VARIABLE));
        });
    }

    private static Optional<String> setting(String property, String variable) {
        String value = System.getProperty(property, System.getenv(variable));
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** One protocol buffers endpoint per node, node 1 first. */
    public List<InetSocketAddress> endpoints() {
        return endpoints;
    }

    /** Node {@code n}'s endpoint, counting from 1 as the control command does. */
    public InetSocketAddress node(int n) {
        return endpoints.get(n - 1);
    }

    /** True when its nodes can be stopped, started, killed and paused. */
    public boolean controllable() {
        return control.isPresent();
    }

    /** A bucket name no other test has used, so that a test starts from nothing. */
    public static String freshBucket(String prefix) {
        return prefix + "_" + Long.toString(System.currentTimeMillis(), 36) + "_" + BUCKETS.incrementAndGet();
    }

    /** {@code node N action}: start, stop (clean), kill (SIGKILL), pause (SIGSTOP), resume (SIGCONT). */
    public void node(int n, String action) {
        run(List.of("node", Integer.toString(n), action), Duration.ofSeconds(120));
    }

    /** Starts every stopped node and resumes every paused one, then waits until the cluster is ready. */
    public void heal() {
        for (int n = 1; n <= endpoints.size(); n++) {
            // Fails for a node that is not running; those are started next.
            tryRun(List.of("node", Integer.toString(n), "resume"), Duration.ofSeconds(30));
        }
        for (int n = 1; n <= endpoints.size(); n++) {
            node(n, "start");
        }
        awaitReady();
    }

    /** Waits until every node answers and every ensemble has a leader. */
    public void awaitReady() {
        long deadline = System.nanoTime() + READY_PATIENCE.toNanos();
        String last = "";
        while (System.nanoTime() - deadline < 0) {
            Result status = tryRun(List.of("status"), Duration.ofSeconds(60));
            if (status.exit() == 0) {
                return;
            }
            last = status.output();
            sleep(Duration.ofSeconds(1));
        }
        throw new IllegalStateException("the real Riak cluster is not ready after " + READY_PATIENCE + ":\n" + last);
    }

    private record Result(int exit, String output) {
    }

    private void run(List<String> args, Duration patience) {
        Result result = tryRun(args, patience);
        if (result.exit() != 0) {
            throw new IllegalStateException(control.orElseThrow() + " " + String.join(" ", args) + " exited "
                    + result.exit() + ":\n" + result.output());
        }
    }

    private Result tryRun(List<String> args, Duration patience) {
        if (control.isEmpty()) {
            throw new IllegalStateException("no " + CONTROL_VARIABLE + ": this cluster's nodes cannot be controlled");
        }
        List<String> command = new ArrayList<>(List.of(control.get().split(" ")));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

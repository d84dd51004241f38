package io.leaderlatch.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An unpatched {@code org.apache.spark.deploy.master.Master} in its own JVM, on loopback. */
final class SparkMaster implements AutoCloseable {

    private static final String MAIN = "org.apache.spark.deploy.master.Master";
    private static final Duration START_BOUND = Duration.ofSeconds(120);
    /** Spark's log line for each port it has bound, after any retries on a port in use. */
    private static final Pattern BOUND = Pattern.compile("Successfully started service '(\\w+)' on port (\\d+)");

    private final ChildProcess process;
    private final Placement placement;
    private volatile int port;
    private volatile int webUiPort;

    private SparkMaster(ChildProcess process, Placement placement) {
        this.process = process;
        this.placement = placement;
    }

    /**
     * Starts a master asking for RPC port {@code port} (0: a free one) and any free web UI port,
     * set up for {@code recovery}; {@link #awaitBound()} learns the ports it got.
     */
    static SparkMaster start(SparkJvm jvm, String name, int port, Recovery recovery) {
        return start(jvm, Placement.LOOPBACK, name, port, recovery);
    }

    /** As above, on {@code placement}'s host. */
    static SparkMaster start(SparkJvm jvm, Placement placement, String name, int port, Recovery recovery) {
        int rpcPort = port == 0 ? FreePorts.pick() : port;
        List<String> properties = new ArrayList<>(recovery.masterProperties());
        // No REST submission server: it would take port 6066, shared by every master on the host.
        properties.add("-Dspark.master.rest.enabled=false");
        ChildProcess process = jvm.start(placement, name, properties, MAIN, List.of(
                "--host", placement.host(), "--port", Integer.toString(rpcPort), "--webui-port", "0"));
        return new SparkMaster(process, placement);
    }

    /**
     * Waits until the master has bound its RPC port and web UI, as its log says: a port found free
     * can be taken by another process before the master binds it, and Spark then takes the next.
     */
    SparkMaster awaitBound() {
        Bounded.until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the master exited at start-up: " + process);
            }
            port = boundPort("sparkMaster").orElse(0);
            webUiPort = boundPort("MasterUI").orElse(0);
            return port != 0 && webUiPort != 0;
        }, START_BOUND, "the master to bind its ports: " + process);
        return this;
    }

    private OptionalInt boundPort(String service) {
        try {
            Matcher matcher = BOUND.matcher(Files.readString(process.log()));
            OptionalInt last = OptionalInt.empty();
            while (matcher.find()) {
                if (matcher.group(1).equals(service)) {
                    last = OptionalInt.of(Integer.parseInt(matcher.group(2)));
                }
            }
            return last;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code <host>:<port>}, as a worker's master URL lists it. */
    String address() {
        return placement.host() + ":" + port;
    }

    Placement placement() {
        return placement;
    }

    int port() {
        return port;
    }

    ChildProcess process() {
        return process;
    }

    Optional<MasterState> state() {
        return webUiPort == 0 ? Optional.empty() : MasterState.read(placement, webUiPort);
    }

    boolean isAlive() {
        return state().map(MasterState::alive).orElse(false);
    }

    boolean isStandby() {
        return state().map(MasterState::standby).orElse(false);
    }

    boolean isAliveWithWorker() {
        return state().map(MasterState::aliveWithWorker).orElse(false);
    }

    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return process.toString();
    }
}

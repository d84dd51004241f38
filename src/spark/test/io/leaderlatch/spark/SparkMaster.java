package io.leaderlatch.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An unpatched {@code org.apache.spark.deploy.master.Master} in its own JVM, on loopback. */
final class SparkMaster implements AutoCloseable {

    private static final String MAIN = "org.apache.spark.deploy.master.Master";

    private final ChildProcess process;
    private final int port;
    private final int webUiPort;

    private SparkMaster(ChildProcess process, int port, int webUiPort) {
        this.process = process;
        this.port = port;
        this.webUiPort = webUiPort;
    }

    /** Starts a master on {@code port} (0: a free one), set up for {@code recovery}. */
    static SparkMaster start(SparkJvm jvm, String name, int port, Recovery recovery) {
        int rpcPort = port == 0 ? FreePorts.pick() : port;
        int webUiPort = FreePorts.pick();
        List<String> properties = new ArrayList<>(recovery.masterProperties());
        // No REST submission server: it would take port 6066, shared by every master on the host.
        properties.add("-Dspark.master.rest.enabled=false");
        ChildProcess process = jvm.start(name, properties, MAIN, List.of(
                "--host", "127.0.0.1", "--port", Integer.toString(rpcPort),
                "--webui-port", Integer.toString(webUiPort)));
        return new SparkMaster(process, rpcPort, webUiPort);
    }

    /** {@code 127.0.0.1:<port>}, as a worker's master URL lists it. */
    String address() {
        return "127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    ChildProcess process() {
        return process;
    }

    Optional<MasterState> state() {
        return MasterState.read(webUiPort);
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

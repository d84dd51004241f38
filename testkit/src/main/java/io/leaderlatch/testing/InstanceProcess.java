package io.leaderlatch.testing;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * One service instance in a JVM of its own, started as an operator starts it (Main with a
 * riak.conf and a settings file), beside one Riak node (of the test cluster or a real one); it can
 * be killed, paused and resumed with signals.
 */
public final class InstanceProcess {

    /**
     * The service's entry point, by name: the kit runs the service from the class path it is
     * given and compiles without it.
     */
    public static final String SERVICE_MAIN = "io.leaderlatch.server.Main";

    private final Process process;
    private final InetSocketAddress address;
    private final Path log;

    private InstanceProcess(Process process, InetSocketAddress address, Path log) {
        this.process = process;
        this.address = address;
        this.log = log;
    }

    /**
     * Starts the instance and waits until it listens and holds its lease.
     *
     * @param name a name for its files in {@code dir}, unique per start
     */
    public static InstanceProcess start(String name, InetSocketAddress riakNode, String electionSettings, Path dir,
                                        Duration patience) {
        int port = FreePorts.pick();
        return start(name, List.of("listener.protobuf.internal = 127.0.0.1:" + riakNode.getPort(),
                        "listener.leader_latch.internal = 127.0.0.1:" + port),
                electionSettings, dir, patience, command -> command, new InetSocketAddress("127.0.0.1", port));
    }

    /**
     * Starts an instance with these riak.conf lines (its nodename is added), its command line
     * passed through {@code wrap} (to run it inside a test host, say), and waits until it listens
     * and holds its lease.
     *
     * @param name a name for its files in {@code dir}, unique per start
     * @param address where {@link #connect()} connects
     */
    public static InstanceProcess start(String name, List<String> riakConf, String settings, Path dir,
                                        Duration patience, UnaryOperator<List<String>> wrap, InetSocketAddress address) {
        try {
            List<String> lines = new ArrayList<>();
            lines.add("nodename = " + name + "@127.0.0.1");
            lines.addAll(riakConf);
            Path riakConfFile = Files.write(dir.resolve(name + ".riak.conf"), lines);
            Path settingsFile = Files.writeString(dir.resolve(name + ".conf"), settings);
            Path log = dir.resolve(name + ".log");
            Process process = ChildJvm.of(SERVICE_MAIN).jvmOptions(ChildJvm.TEST_OPTIONS)
                    .args("--riak-conf", riakConfFile.toString(), "--config", settingsFile.toString())
                    .wrap(wrap).logTo(log).start();
            InstanceProcess instance = new InstanceProcess(process, address, log);
            await().atMost(patience).until(() -> !process.isAlive()
                    || instance.log().contains(" listener(s) over ") && instance.log().contains("holds its lease"));
            if (!process.isAlive()) {
                throw new IllegalStateException("instance " + name + " exited: " + instance.log());
            }
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return address.getPort();
    }

    /** A new connection to its listener. */
    public LineClient connect() {
        return LineClient.connect(address);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM: a clean stop. */
    public void stop() {
        process.destroy();
    }

    /** Waits for the process to end; its exit status. */
    public int awaitExit(Duration patience) throws InterruptedException {
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("still running after " + patience);
        }
        return process.exitValue();
    }

    /** SIGKILL, and wait until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void pause() {
        signal("STOP");
    }

    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Everything it has logged so far. */
    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** SIGSTOP / SIGCONT: frozen, as on a host that lost power, and back. */
    public void freeze() {
        signal("STOP");
    }

    public void thaw() {
        signal("CONT");
    }
}

package io.leaderlatch.testing;

import io.leaderlatch.server.Main;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * One service instance in a JVM of its own, started as an operator starts it (Main with a
 * riak.conf and a settings file), beside one Riak node (of the test cluster or a real one); it can
 * be killed, paused and resumed with signals.
 */
public final class InstanceProcess {

    private final Process process;
    private final int port;
    private final Path log;

    private InstanceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the instance and waits until it listens and holds its lease.
     *
     * @param name a name for its files in {@code dir}, unique per start
     */
    public static InstanceProcess start(String name, InetSocketAddress riakNode, String electionSettings, Path dir,
                                 Duration patience) {
        try {
            int port = freePort();
            Path riakConf = Files.writeString(dir.resolve(name + ".riak.conf"), String.join("\n",
                    "nodename = " + name + "@127.0.0.1",
                    "listener.protobuf.internal = 127.0.0.1:" + riakNode.getPort(),
                    "listener.leader_latch.internal = 127.0.0.1:" + port, ""));
            Path settings = Files.writeString(dir.resolve(name + ".conf"), electionSettings);
            Path log = dir.resolve(name + ".log");
            Process process = ChildJvm.start(Main.class, log, List.of(), "--riak-conf", riakConf.toString(),
                    "--config", settings.toString());
            InstanceProcess instance = new InstanceProcess(process, port, log);
            await().atMost(patience).until(() -> !process.isAlive()
                    || instance.log().contains("listener internal on") && instance.log().contains("holds its lease"));
            if (!process.isAlive()) {
                throw new IllegalStateException("instance " + name + " exited: " + instance.log());
            }
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** A new connection to its listener. */
    public LineClient connect() {
        return LineClient.connect(new InetSocketAddress("127.0.0.1", port));
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

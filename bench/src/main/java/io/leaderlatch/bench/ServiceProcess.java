package io.leaderlatch.bench;

import io.leaderlatch.server.Main;
import io.leaderlatch.testing.FreePorts;

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
import java.util.Optional;

/**
 * This service in its own JVM, started the way an operator starts it: {@code Main} with a riak.conf
 * and a settings file, its own logging set-up (INFO, one line per event, to a log file).
 */
public final class ServiceProcess {

    private static final Duration START_BOUND = Duration.ofSeconds(60);

    private final String name;
    private final Process process;
    private final InetSocketAddress address;

    private ServiceProcess(String name, Process process, InetSocketAddress address) {
        this.name = name;
        this.process = process;
        this.address = address;
    }

    /**
     * Starts an instance listening on a free loopback port, with {@code settings} as its settings
     * file and, for the Riak store, {@code riakNode} as its local Riak node; returns once it serves.
     */
    public static ServiceProcess start(ChildJvms jvms, String name, List<String> jvmOptions, String settings,
                                Optional<InetSocketAddress> riakNode) {
        int port = FreePorts.pick();
        Path dir = jvms.logDir();
        List<String> riakConf = new ArrayList<>(List.of(
                "nodename = " + name + "@127.0.0.1",
                "listener.leader_latch.internal = 127.0.0.1:" + port));
        riakNode.ifPresent(node -> riakConf.add("listener.protobuf.internal = 127.0.0.1:" + node.getPort()));
        try {
            Path riakConfFile = Files.write(dir.resolve(name + "-riak.conf"), riakConf);
            Path settingsFile = Files.writeString(dir.resolve(name + "-leader-latch.conf"), settings + "\n");
            List<String> options = new ArrayList<>(jvmOptions);
            options.add("-Dlogback.configurationFile=logback.xml");
            Process process = jvms.start(name, options, Main.class.getName(),
                    List.of("--riak-conf", riakConfFile.toString(), "--config", settingsFile.toString()));
            ServiceProcess service = new ServiceProcess(name, process, new InetSocketAddress("127.0.0.1", port));
            service.awaitServing(jvms.log(name));
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until a JOIN is answered {@code LEADER}: the listener is open and, on the Riak store, the
     * instance holds its lease. Independent of the log level.
     */
    private void awaitServing(Path log) {
        Bounded.until(() -> {
            if (!process.isAlive()) {
                throw new BenchFailure(name + " exited at start-up; see " + log);
            }
            return joins();
        }, START_BOUND, name + " to answer a JOIN (" + log + ")");
    }

    private boolean joins() {
        try (Socket socket = new Socket()) {
            socket.connect(address, 1000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("JOIN bench-ready-probe probe\n".getBytes(StandardCharsets.US_ASCII));
            byte[] answer = socket.getInputStream().readNBytes("LEADER probe\n".length());
            return new String(answer, StandardCharsets.US_ASCII).equals("LEADER probe\n");
        } catch (IOException e) {
            return false;
        }
    }

    public InetSocketAddress address() {
        return address;
    }

    public long pid() {
        return process.pid();
    }

    public void stop() {
        ChildJvms.stop(process);
    }

    /** SIGKILL: no departures written, no record deleted. */
    public void kill() {
        ChildJvms.kill(process);
    }
}

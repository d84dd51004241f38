package io.leaderlatch.chaos;

import io.leaderlatch.testing.ChildJvm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The harness's side of a {@link ClientProcess}: starts it, tells it which clients to open, copies
 * what it reports into the {@link History}, and kills it.
 */
final class ClientProcessHandle {

    private final Process process;
    private final PrintStream commands;
    private final Thread copier;
    private final List<String> clients = new ArrayList<>();

    private ClientProcessHandle(Process process, History history) {
        this.process = process;
        this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.US_ASCII);
        this.copier = new Thread(() -> copy(process, history), "chaos-client-process-reader");
        copier.setDaemon(true);
        copier.start();
    }

    static ClientProcessHandle start(Duration probeEvery, Path errors, History history) {
        return start(probeEvery, errors, history, command -> command);
    }

    /** The same, its command line passed through {@code wrap} first (to run it inside a test host, say). */
    static ClientProcessHandle start(Duration probeEvery, Path errors, History history,
                                     UnaryOperator<List<String>> wrap) {
        Process process = ChildJvm.of(ClientProcess.class).jvmOptions("-Xmx64m", "-XX:TieredStopAtLevel=1")
                .args(Long.toString(probeEvery.toMillis())).wrap(wrap).errorsTo(errors).start();
        return new ClientProcessHandle(process, history);
    }

    private static void copy(Process process, History history) {
        try (BufferedReader reports = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = reports.readLine()) != null) {
                history.record(Entry.decode(line));
            }
        } catch (IOException e) {
            // The process died: what it reported so far is all there is.
        }
    }

    void join(String client, String group, int port) {
        clients.add(client);
        commands.println("JOIN " + client + " " + group + " " + port);
    }

    /** A client joining {@code group} through the service at {@code host}:{@code port}. */
    void join(String client, String group, String host, int port) {
        clients.add(client);
        commands.println("JOIN " + client + " " + group + " " + port + " " + host);
    }

    /** The client closes its connection (with a FIN). */
    void close(String client) {
        commands.println("CLOSE " + client);
    }

    /** The client closes its connection with a reset. */
    void reset(String client) {
        commands.println("RESET " + client);
    }

    /** SIGSTOP: the process stops doing anything, as on a host that lost power. */
    void freeze() {
        signal("STOP");
    }

    void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<String> clients() {
        return List.copyOf(clients);
    }

    /**
     * SIGKILL; every client is recorded as killed just before the signal, the last moment it could
     * still act. Waits until the process is gone and what it reported has been copied.
     */
    void kill(History history) {
        long now = System.nanoTime();
        clients.forEach(client -> history.record(new Entry(now, client, Entry.Kind.KILLED, "client process killed")));
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
            copier.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clients.clear();
    }
}

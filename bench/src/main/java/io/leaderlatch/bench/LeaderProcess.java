package io.leaderlatch.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A participant in a JVM of its own ({@link CrashChild}), so that its process can be killed. */
final class LeaderProcess {

    static final List<String> JVM_OPTIONS = List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final Process process;

    private LeaderProcess(Process process) {
        this.process = process;
    }

    /** Starts {@link CrashChild} with {@code args}; returns once it reports that it leads. */
    static LeaderProcess start(ChildJvms jvms, String name, List<String> args, Duration bound) {
        Process process = jvms.startPiped(name, JVM_OPTIONS, CrashChild.class.getName(), args);
        CompletableFuture<Void> leads = CompletableFuture.runAsync(() -> awaitLine(process, CrashChild.LEADS));
        try {
            Bounded.get(leads, bound, name + " to lead (" + jvms.log(name) + ")");
        } catch (BenchFailure e) {
            ChildJvms.kill(process);
            throw e;
        }
        return new LeaderProcess(process);
    }

    private static void awaitLine(Process process, String expected) {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals(expected)) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new BenchFailure("the leader process ended before it led");
    }

    /** Sends SIGKILL and returns at once: the process gets no chance to close anything. */
    void killNow() {
        process.destroyForcibly();
    }

    /** Waits for the killed process to be gone. */
    void reap() {
        ChildJvms.kill(process);
    }
}

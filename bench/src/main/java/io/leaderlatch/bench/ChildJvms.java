package io.leaderlatch.bench;

import io.leaderlatch.testing.ChildJvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The JVMs one benchmark run starts, all on this JVM's class path (by {@link ChildJvm}), with their
 * logs in one directory. {@link #close()} kills every one still running, so a run leaves no process
 * behind, however it ends.
 */
public final class ChildJvms implements AutoCloseable {

    private final Path logDir;
    private final List<Process> started = new CopyOnWriteArrayList<>();

    public ChildJvms(Path logDir) {
        this.logDir = logDir;
    }

    /**
     * The directory for the children's logs: {@code given}, created if need be, or else a new
     * temporary directory named after {@code tempPrefix}.
     */
    public static Path logDir(Optional<Path> given, String tempPrefix) {
        try {
            return given.isPresent() ? Files.createDirectories(given.get()) : Files.createTempDirectory(tempPrefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path logDir() {
        return logDir;
    }

    /**
     * Starts {@code mainClass}; standard output and error go to {@code <name>.log} in the log
     * directory. {@code {name}} in a JVM option is replaced by {@code name}, so that options given
     * to several servers (a flight recording's file) can tell them apart.
     */
    Process start(String name, List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> options = jvmOptions.stream().map(option -> option.replace("{name}", name)).toList();
        return register(ChildJvm.of(mainClass).jvmOptions(options).args(args).logTo(log(name)));
    }

    /**
     * Starts {@code mainClass} with its standard input and output on pipes (errors go to the log):
     * the caller reads what it reports, and the child sees end of input when this JVM is gone.
     */
    Process startPiped(String name, List<String> jvmOptions, String mainClass, List<String> args) {
        return register(ChildJvm.of(mainClass).jvmOptions(jvmOptions).args(args).errorsTo(log(name)));
    }

    public Path log(String name) {
        return logDir.resolve(name + ".log");
    }

    private Process register(ChildJvm child) {
        Process process = child.start();
        started.add(process);
        return process;
    }

    /**
     * Asks {@code process} to stop with SIGTERM (a flight recording, if any, is written on the way
     * out), and kills it with SIGKILL if it is still there after 15 s.
     */
    static void stop(Process process) {
        process.destroy();
        try {
            if (process.waitFor(15, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill(process);
    }

    /** Kills {@code process} with SIGKILL and waits for it to be gone. */
    static void kill(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        started.forEach(process -> process.descendants().forEach(ProcessHandle::destroyForcibly));
        started.forEach(ChildJvms::kill);
        started.clear();
    }
}

package io.leaderlatch.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** A JVM started for a test or a trial, its output in a log file; killed or stopped by its own pid. */
final class ChildProcess implements AutoCloseable {

    private static final long STOP_BOUND_SECONDS = 30;
    /** Every child still running; killed if this JVM ends first, so no master outlives a failed test. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "child-process-reaper"));
    }

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java <options> -cp <classpath> <main> <args>}, output to {@code <logDir>/<name>.log}. */
    static ChildProcess startJava(String name, Path logDir, String classpath, List<String> options,
                                  String main, List<String> args) {
        return startJava(Placement.LOOPBACK, name, logDir, classpath, options, main, args);
    }

    /** As {@link #startJava}, run where {@code placement} says. */
    static ChildProcess startJava(Placement placement, String name, Path logDir, String classpath, List<String> options,
                                  String main, List<String> args) {
        return start(name, logDir, placement.wrap(javaCommand(options, classpath, main, args)),
                ProcessBuilder.Redirect.from(new File("/dev/null")));
    }

    /** As {@link #startJava}, with standard input a pipe that stays open until {@link #closeInput()}. */
    static ChildProcess startJavaWithInput(String name, Path logDir, String classpath, List<String> options,
                                           String main, List<String> args) {
        return start(name, logDir, javaCommand(options, classpath, main, args), ProcessBuilder.Redirect.PIPE);
    }

    private static List<String> javaCommand(List<String> options, String classpath, String main, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-cp");
        command.add(classpath);
        command.add(main);
        command.addAll(args);
        return command;
    }

    /** Starts {@code java <options> -jar <jar> <args>}. */
    static ChildProcess startJar(String name, Path logDir, Path jar, List<String> options, List<String> args) {
        return startJar(Placement.LOOPBACK, name, logDir, jar, options, args);
    }

    /** As {@link #startJar}, run where {@code placement} says. */
    static ChildProcess startJar(Placement placement, String name, Path logDir, Path jar, List<String> options,
                                 List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        return start(name, logDir, placement.wrap(command), ProcessBuilder.Redirect.from(new File("/dev/null")));
    }

    private static ChildProcess start(String name, Path logDir, List<String> command,
                                      ProcessBuilder.Redirect input) {
        Path log = logDir.resolve(name + ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(input)
                    .start();
            RUNNING.add(process);
            process.onExit().thenAccept(RUNNING::remove);
            return new ChildProcess(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    Path log() {
        return log;
    }

    /** Ends the standard input of a child started with {@link #startJavaWithInput}. */
    void closeInput() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the process ends at once, its sockets closed by the kernel. */
    void kill() {
        process.destroyForcibly();
    }

    /** SIGSTOP: the process stops dead, as on a host that lost power; SIGKILL still ends it. */
    void freeze() {
        signal("STOP");
    }

    /** SIGCONT: a frozen process runs again, from where it stopped. */
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

    /** SIGTERM: the process runs its shutdown hooks. */
    void terminate() {
        process.destroy();
    }

    /** Waits for the process to end after {@link #kill()} or {@link #terminate()}. */
    void awaitExit() {
        try {
            if (!process.waitFor(STOP_BOUND_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_BOUND_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, then SIGKILL if it has not ended within a bound. */
    @Override
    public void close() {
        if (process.isAlive()) {
            terminate();
            awaitExit();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", log " + log + ")";
    }
}

package io.leaderlatch.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Starts a class of the test class path in a JVM of its own: the one launcher of the tests, the
 * chaos harness and the benchmarks, for children that are killed, signalled, or run inside a test
 * host. Nothing goes on the command line that the caller did not ask for:
 *
 * <pre>{@code
 * Process riak = ChildJvm.of(RiakServerMain.class).jvmOptions("-Xmx256m").args("2", "0")
 *         .wrap(host::exec).errorsTo(dir.resolve("riak.err")).start();
 * }</pre>
 */
public final class ChildJvm {

    /**
     * The options of a short-lived test child: a small heap, a quick start (C1 only), and the
     * service's own logging set-up, not the quiet one of the test class path.
     */
    public static final List<String> TEST_OPTIONS =
            List.of("-Xmx128m", "-XX:TieredStopAtLevel=1", "-Dlogback.configurationFile=logback.xml");

    private enum Streams { LOG, ERRORS, MERGED }

    private final String mainClass;
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private UnaryOperator<List<String>> wrap = UnaryOperator.identity();
    private Streams streams = Streams.MERGED;
    private Path file;

    private ChildJvm(String mainClass) {
        this.mainClass = mainClass;
    }

    public static ChildJvm of(Class<?> mainClass) {
        return new ChildJvm(mainClass.getName());
    }

    /** A main class by name, for one the caller does not compile against. */
    public static ChildJvm of(String mainClass) {
        return new ChildJvm(mainClass);
    }

    /**
     * Starts {@code mainClass} with {@link #TEST_OPTIONS}, then {@code jvmOptions}, and {@code args};
     * standard output and error go to {@code log}.
     */
    public static Process start(Class<?> mainClass, Path log, List<String> jvmOptions, String... args) {
        return of(mainClass).jvmOptions(TEST_OPTIONS).jvmOptions(jvmOptions).args(args).logTo(log).start();
    }

    public ChildJvm jvmOptions(List<String> options) {
        jvmOptions.addAll(options);
        return this;
    }

    public ChildJvm jvmOptions(String... options) {
        return jvmOptions(List.of(options));
    }

    public ChildJvm args(List<String> arguments) {
        args.addAll(arguments);
        return this;
    }

    public ChildJvm args(String... arguments) {
        return args(List.of(arguments));
    }

    /** Passes the command line through {@code wrap} before it runs: to run it inside a test host, say. */
    public ChildJvm wrap(UnaryOperator<List<String>> wrap) {
        this.wrap = wrap;
        return this;
    }

    /** Standard output and error to {@code log}; nothing on standard input: for a child that talks to no one. */
    public ChildJvm logTo(Path log) {
        streams = Streams.LOG;
        file = log;
        return this;
    }

    /**
     * Standard error to {@code errors}; standard input and output stay pipes, for a child that takes
     * commands and reports to this JVM (and sees its input end when this JVM is gone).
     */
    public ChildJvm errorsTo(Path errors) {
        streams = Streams.ERRORS;
        file = errors;
        return this;
    }

    /** The command line, before {@link #wrap}. */
    public List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /**
     * Starts the child. Without {@link #logTo} or {@link #errorsTo}, its standard error joins its
     * standard output on the pipe that {@link Process#getInputStream()} reads.
     */
    public Process start() {
        ProcessBuilder builder = new ProcessBuilder(wrap.apply(command()));
        switch (streams) {
            case LOG -> builder.redirectErrorStream(true).redirectOutput(file.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            case ERRORS -> builder.redirectError(file.toFile());
            case MERGED -> builder.redirectErrorStream(true);
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainClass, e);
        }
    }
}

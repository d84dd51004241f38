package io.leaderlatch.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Starts a class of the test classpath in its own JVM, for tests that kill or signal a process. */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** Starts {@code mainClass} with {@code args}; standard output and error go to {@code log}. */
    public static Process start(Class<?> mainClass, Path log, List<String> jvmOptions, String... args) {
        return start(command -> command, mainClass, log, jvmOptions, args);
    }

    /** The same, its command line passed through {@code wrap} first (to run it inside a test host, say). */
    public static Process start(UnaryOperator<List<String>> wrap, Class<?> mainClass, Path log,
                                List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx128m");
        command.add("-XX:TieredStopAtLevel=1");
        // The service's own logging set-up, not the quiet one of the test classpath.
        command.add("-Dlogback.configurationFile=logback.xml");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        try {
            return new ProcessBuilder(wrap.apply(command))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainClass.getName(), e);
        }
    }
}

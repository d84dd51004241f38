package io.leaderlatch.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What the build passes the tests: where the service's jar is, which Scala line this is. */
final class TestPaths {

    private TestPaths() {
    }

    /** The service's self-contained jar, built by the service module. */
    static Path serviceJar() {
        Path jar = Path.of(System.getProperty("leaderlatch.service.jar", "../../service/target/riak-leader-latch.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no service jar at " + jar.toAbsolutePath()
                    + ": build the service first (mvn -DskipTests package)");
        }
        return jar;
    }

    /**
     * The service's settings in the tests: a fence margin of 5 s, so that masters may take a
     * confirmation window as long ({@link #CONFIRMATION_WINDOW}); a master's JVM that stalls for
     * a few seconds on a loaded test machine keeps its leadership instead of exiting.
     */
    static final List<String> SERVICE_SETTINGS = List.of("leader-latch.election.fence-margin = 5s");
    static final Duration CONFIRMATION_WINDOW = Duration.ofSeconds(5);

    /**
     * The class path that runs the Riak protocol test server: the test kit's classes and its
     * class path, as the build passes them.
     */
    static String riakServerClasspath() {
        String classes = System.getProperty("leaderlatch.testkit.classes", "");
        Path dependencies = Path.of(System.getProperty("leaderlatch.testkit.classpath.file", ""));
        if (classes.isEmpty() || !Files.isRegularFile(dependencies)) {
            throw new IllegalStateException("no test kit class path (" + classes + ", " + dependencies
                    + "): build the test kit first (mvn -DskipTests package)");
        }
        try {
            return classes + java.io.File.pathSeparator + Files.readString(dependencies).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String scalaLine() {
        return System.getProperty("leaderlatch.scala.line", "?");
    }
}

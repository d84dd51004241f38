package io.leaderlatch.spark;

import java.nio.file.Files;
import java.nio.file.Path;

/** What the build passes the tests: where the service's jar is, which Scala line this is. */
final class TestPaths {

    private TestPaths() {
    }

    /** The service's self-contained jar, built by the root project. */
    static Path serviceJar() {
        Path jar = Path.of(System.getProperty("leaderlatch.service.jar", "target/riak-leader-latch.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no service jar at " + jar.toAbsolutePath()
                    + ": build the root project first (mvn -DskipTests package)");
        }
        return jar;
    }

    static String scalaLine() {
        return System.getProperty("leaderlatch.scala.line", "?");
    }
}

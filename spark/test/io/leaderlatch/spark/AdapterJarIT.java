package io.leaderlatch.spark;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adapter's jar, once built: the adapter and the client, and nothing else (no Netty, Scala,
 * Spark or class of the service), so that a Spark user adds this one jar.
 */
class AdapterJarIT {

    @Test
    void holdsTheAdapterAndTheClientOnly() throws IOException {
        Path jar = Path.of(System.getProperty("leaderlatch.adapter.jar"));
        assertThat(jar).isRegularFile();
        List<String> classes;
        try (JarFile file = new JarFile(jar.toFile())) {
            classes = file.stream().map(JarEntry::getName).filter(name -> name.endsWith(".class")).toList();
        }
        assertThat(classes).as("classes of neither the adapter nor the client in %s", jar)
                .allMatch(name -> name.startsWith("io/leaderlatch/spark/") || name.startsWith("io/leaderlatch/client/"));
        assertThat(classes).contains("io/leaderlatch/spark/LeaderLatchRecoveryModeFactory.class",
                "io/leaderlatch/spark/LeaderLatchPersistenceEngine.class",
                "io/leaderlatch/client/LeaderLatch.class");
    }
}

package io.leaderlatch.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an unpatched Spark master's log says when the adapter cannot work: a missing setting is an
 * ERROR of the adapter's own that names it, before Spark's "Ignoring error"; a service where
 * nothing listens is a WARN naming the endpoint at the first attempt.
 */
class MasterLogTest {

    private static final Duration LOG_BOUND = Duration.ofSeconds(120);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void aMissingSettingIsOneErrorNamingItBeforeSparksOwn() throws IOException {
        SparkJvm jvm = SparkJvm.ofThisJvm(Files.createDirectories(dir.resolve("logs")));
        Recovery withoutEndpoints = new Recovery.LeaderLatch("", Recovery.LeaderLatch.directory(dir.resolve("recovery")),
                TestPaths.CONFIRMATION_WINDOW);
        try (SparkMaster master = SparkMaster.start(jvm, "master-unset", 0, withoutEndpoints)) {
            Bounded.until(() -> log(master).contains("Ignoring error"), LOG_BOUND, "Spark's 'Ignoring error': " + master);
            List<String> lines = log(master).lines().toList();
            int sparks = indexOf(lines, "Ignoring error");
            int ours = indexOf(lines, AdapterSettings.ENDPOINTS + " is not set");
            assertThat(ours).as("the adapter's line naming the setting").isNotNegative().isLessThan(sparks);
            assertThat(lines.get(ours)).contains("ERROR", "LeaderLatchRecoveryModeFactory");
        }
    }

    @Test
    void aServiceWhereNothingListensIsAWarningNamingTheEndpoint() throws IOException {
        SparkJvm jvm = SparkJvm.ofThisJvm(Files.createDirectories(dir.resolve("logs")));
        String endpoint = "127.0.0.1:" + FreePorts.pick();
        Recovery unreachable = new Recovery.LeaderLatch(endpoint, Recovery.LeaderLatch.directory(dir.resolve("recovery")),
                TestPaths.CONFIRMATION_WINDOW);
        try (SparkMaster master = SparkMaster.start(jvm, "master-alone", 0, unreachable)) {
            Bounded.until(() -> log(master).lines().anyMatch(line -> line.contains("cannot connect to " + endpoint)),
                    LOG_BOUND, "a line naming " + endpoint + ": " + master);
            String line = log(master).lines().filter(l -> l.contains("cannot connect to " + endpoint)).findFirst().orElseThrow();
            assertThat(line).contains("WARN", "Connection refused");
        }
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private static String log(SparkMaster master) {
        try {
            return Files.readString(master.process().log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

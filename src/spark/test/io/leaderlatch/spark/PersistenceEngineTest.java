package io.leaderlatch.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import scala.reflect.ClassTag$;

/** The persistence engine on a directory, with the serializer a master gives it. */
class PersistenceEngineTest {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private LeaderLatchPersistenceEngine engine() {
        return new LeaderLatchPersistenceEngine(
                new RecoveryState(new DirectoryRecoveryStore(dir), new JavaSerializer(new SparkConf(false))));
    }

    /** Reads through the engine's {@code read}, whichever Scala collection type this line's answers. */
    private static List<String> read(LeaderLatchPersistenceEngine engine, String prefix) {
        scala.collection.Iterator<String> entries = engine.read(prefix, ClassTag$.MODULE$.<String>apply(String.class)).iterator();
        List<String> values = new ArrayList<>();
        while (entries.hasNext()) {
            values.add(entries.next());
        }
        return values;
    }

    @Test
    void readsWhatAnotherEngineOnTheSameDirectoryPersisted() {
        LeaderLatchPersistenceEngine leader = engine();
        leader.persist("worker_1", "first worker");
        leader.persist("worker_2", "second worker");
        leader.persist("app_1", "an application");
        leader.close();

        LeaderLatchPersistenceEngine successor = engine();
        assertThat(read(successor, "worker_")).containsExactlyInAnyOrder("first worker", "second worker");
        assertThat(read(successor, "app_")).containsExactly("an application");
        assertThat(read(successor, "driver_")).isEmpty();
    }

    @Test
    void replacesAndRemovesEntries() {
        LeaderLatchPersistenceEngine engine = engine();
        engine.persist("worker_1", "old");
        engine.persist("worker_1", "new");
        engine.persist("worker_2", "gone soon");
        engine.unpersist("worker_2");
        engine.unpersist("worker_3");

        assertThat(read(engine, "worker_")).containsExactly("new");
    }

    @Test
    void leavesNoPartialFileBehind() throws IOException {
        LeaderLatchPersistenceEngine engine = engine();
        engine.persist("worker_1", "state");

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly("worker_1");
        }
    }
}

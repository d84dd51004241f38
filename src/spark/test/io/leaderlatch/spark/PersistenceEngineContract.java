package io.leaderlatch.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

/** What every recovery store must do, through the persistence engine and the serializer a master gives it. */
abstract class PersistenceEngineContract {

    /** A store over the same state each time it is called within one test. */
    abstract RecoveryStore store();

    LeaderLatchPersistenceEngine engine() {
        return new LeaderLatchPersistenceEngine(new RecoveryState(store(), new JavaSerializer(new SparkConf(false))));
    }

    /** Reads through the engine's {@code read}, whichever Scala collection type this line's answers. */
    static List<String> read(LeaderLatchPersistenceEngine engine, String prefix) {
        scala.collection.Iterator<String> entries = engine.read(prefix, ClassTag$.MODULE$.<String>apply(String.class)).iterator();
        List<String> values = new ArrayList<>();
        while (entries.hasNext()) {
            values.add(entries.next());
        }
        return values;
    }

    @Test
    void readsWhatAnotherEngineOnTheSameStatePersisted() {
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
}

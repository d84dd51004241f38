package io.leaderlatch.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

/** What every recovery store must do, through the persistence engine and the serializer a master gives it. */
abstract class PersistenceEngineContract {

    /** A store over the same state each time it is called within one test. */
    abstract RecoveryStore store();

    LeaderLatchPersistenceEngine engine() {
        return engine(leading(1));
    }

    LeaderLatchPersistenceEngine engine(MasterTerm term) {
        return new LeaderLatchPersistenceEngine(new RecoveryState(store(), new JavaSerializer(new SparkConf(false)), term));
    }

    static MasterTerm leading(long term) {
        MasterTerm leading = new MasterTerm();
        leading.gained(term == MasterTerm.UNFENCED ? OptionalLong.empty() : OptionalLong.of(term));
        return leading;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static List<String> texts(List<byte[]> entries) {
        return entries.stream().map(entry -> new String(entry, StandardCharsets.UTF_8)).toList();
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

    // ---- fencing ----

    @Test
    void onceANewerTermClaimedTheStateEveryChangeOfAnOlderTermIsRefusedAndChangesNothing() {
        RecoveryStore stale = store();
        stale.claim(3);
        stale.put("worker_1", bytes("listed before"), 3);
        stale.put("app_1", bytes("an application"), 3);

        RecoveryStore successor = store();
        successor.claim(5);

        assertThatThrownBy(() -> stale.put("worker_1", bytes("stale update"), 3)).isInstanceOf(FencedOffException.class)
                .hasMessageContaining("term 3").hasMessageContaining("term 5");
        assertThatThrownBy(() -> stale.put("worker_2", bytes("stale new entry"), 3)).isInstanceOf(FencedOffException.class);
        assertThatThrownBy(() -> stale.remove("app_1", 3)).isInstanceOf(FencedOffException.class);
        assertThatThrownBy(() -> stale.claim(4)).isInstanceOf(FencedOffException.class);

        assertThat(texts(successor.readAll("worker_"))).containsExactly("listed before");
        assertThat(texts(successor.readAll("app_"))).containsExactly("an application");
        successor.put("worker_2", bytes("the new leader's"), 5);
        successor.remove("app_1", 5);
        assertThat(texts(successor.readAll("worker_"))).containsExactlyInAnyOrder("listed before", "the new leader's");
        assertThat(successor.readAll("app_")).isEmpty();
        stale.close();
        successor.close();
    }

    @Test
    void aNewerTermWritesOverWhatAnOlderOneWroteWithoutAClaim() {
        RecoveryStore store = store();
        store.put("worker_1", bytes("term 2"), 2);
        store.put("worker_1", bytes("term 7"), 7);
        assertThatThrownBy(() -> store.put("worker_1", bytes("term 2 again"), 2)).isInstanceOf(FencedOffException.class);
        assertThat(texts(store.readAll("worker_"))).containsExactly("term 7");
        store.close();
    }

    @Test
    void withoutTermsChangesAreNeitherFencedNorRaiseTheStoredTerm() {
        RecoveryStore store = store();
        store.claim(MasterTerm.UNFENCED);
        store.put("worker_1", bytes("unfenced"), MasterTerm.UNFENCED);
        store.claim(4);
        // A service too old for terms: its masters write as before, not locked out for good.
        store.claim(MasterTerm.UNFENCED);
        store.put("worker_1", bytes("unfenced again"), MasterTerm.UNFENCED);
        store.put("worker_2", bytes("unfenced new"), MasterTerm.UNFENCED);
        assertThat(texts(store.readAll("worker_"))).containsExactlyInAnyOrder("unfenced again", "unfenced new");
        assertThatThrownBy(() -> store.put("worker_1", bytes("term 3"), 3)).isInstanceOf(FencedOffException.class);
        store.close();
    }

    @Test
    void anEngineClaimsTheStateOnItsFirstReadAndAStaleEngineStepsDownOnARefusal() {
        LeaderLatchPersistenceEngine old = engine(leading(1));
        old.persist("worker_1", "the old leader's");
        MasterTerm oldTerm = leading(1);
        AtomicInteger stepDowns = new AtomicInteger();
        oldTerm.whenFencedOff(stepDowns::incrementAndGet);
        LeaderLatchPersistenceEngine stale = engine(oldTerm);

        LeaderLatchPersistenceEngine successor = engine(leading(2));
        assertThat(read(successor, "worker_")).containsExactly("the old leader's");

        assertThatThrownBy(() -> stale.persist("worker_1", "stale")).isInstanceOf(FencedOffException.class);
        assertThatThrownBy(() -> stale.unpersist("worker_1")).isInstanceOf(FencedOffException.class);
        assertThat(stepDowns).hasValue(2);
        assertThat(read(successor, "worker_")).containsExactly("the old leader's");
    }

    @Test
    void aMasterThatDoesNotLeadWritesNothing() {
        MasterTerm term = leading(1);
        LeaderLatchPersistenceEngine engine = engine(term);
        engine.persist("worker_1", "while leading");
        term.lost();

        assertThatThrownBy(() -> engine.persist("worker_2", "after")).isInstanceOf(FencedOffException.class)
                .hasMessageContaining("does not lead");
        assertThatThrownBy(() -> read(engine, "worker_")).isInstanceOf(FencedOffException.class);
        assertThat(read(engine(leading(1)), "worker_")).containsExactly("while leading");
    }
}

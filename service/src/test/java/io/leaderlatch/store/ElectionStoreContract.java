package io.leaderlatch.store;

import io.leaderlatch.testing.Timing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules every {@link ElectionStore} must follow; each implementation's test extends this.
 * They are the conditional-write rules of a Riak strongly consistent bucket: create only if
 * absent, replace and delete only at the current version, never a blind write.
 */
public abstract class ElectionStoreContract {

    protected ElectionStore store;

    /** A fresh, empty, available store. */
    protected abstract ElectionStore newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aMissingKeyReadsAsNotFound() {
        assertThat(await(store.get("group/none"))).isInstanceOf(NotFound.class);
    }

    @Test
    void createThenReadGivesTheValueAndTheVersionOfTheWrite() {
        Written written = (Written) await(store.create("group/a", bytes("one")));
        Found found = (Found) await(store.get("group/a"));
        assertThat(text(found.value())).isEqualTo("one");
        assertThat(found.version()).isEqualTo(written.version());
    }

    @Test
    void createOfAnExistingKeyConflictsAndChangesNothing() {
        await(store.create("group/a", bytes("one")));
        assertThat(await(store.create("group/a", bytes("two")))).isInstanceOf(Conflict.class);
        assertThat(text(((Found) await(store.get("group/a"))).value())).isEqualTo("one");
    }

    @Test
    void compareAndSetAtTheCurrentVersionReplacesTheValueAndIssuesANewVersion() {
        Version first = ((Written) await(store.create("group/a", bytes("one")))).version();
        Written second = (Written) await(store.compareAndSet("group/a", first, bytes("two")));
        assertThat(second.version()).isNotEqualTo(first);
        Found found = (Found) await(store.get("group/a"));
        assertThat(text(found.value())).isEqualTo("two");
        assertThat(found.version()).isEqualTo(second.version());
    }

    @Test
    void compareAndSetAtAStaleVersionConflictsAndChangesNothing() {
        Version first = ((Written) await(store.create("group/a", bytes("one")))).version();
        await(store.compareAndSet("group/a", first, bytes("two")));
        assertThat(await(store.compareAndSet("group/a", first, bytes("three")))).isInstanceOf(Conflict.class);
        assertThat(text(((Found) await(store.get("group/a"))).value())).isEqualTo("two");
    }

    @Test
    void compareAndSetOfAMissingKeyConflictsAndCreatesNothing() {
        Version other = ((Written) await(store.create("group/b", bytes("b")))).version();
        assertThat(await(store.compareAndSet("group/a", other, bytes("a")))).isInstanceOf(Conflict.class);
        assertThat(await(store.get("group/a"))).isInstanceOf(NotFound.class);
    }

    @Test
    void deleteAtTheCurrentVersionRemovesTheRecord() {
        Version first = ((Written) await(store.create("group/a", bytes("one")))).version();
        assertThat(await(store.delete("group/a", first))).isInstanceOf(Written.class);
        assertThat(await(store.get("group/a"))).isInstanceOf(NotFound.class);
    }

    @Test
    void deleteAtAStaleVersionConflictsAndKeepsTheRecord() {
        Version first = ((Written) await(store.create("group/a", bytes("one")))).version();
        await(store.compareAndSet("group/a", first, bytes("two")));
        assertThat(await(store.delete("group/a", first))).isInstanceOf(Conflict.class);
        assertThat(text(((Found) await(store.get("group/a"))).value())).isEqualTo("two");
    }

    @Test
    void aVersionFromBeforeADeleteDoesNotMatchTheRecordCreatedAgain() {
        Version old = ((Written) await(store.create("group/a", bytes("one")))).version();
        await(store.delete("group/a", old));
        await(store.create("group/a", bytes("again")));
        assertThat(await(store.compareAndSet("group/a", old, bytes("stale")))).isInstanceOf(Conflict.class);
        assertThat(await(store.delete("group/a", old))).isInstanceOf(Conflict.class);
        assertThat(text(((Found) await(store.get("group/a"))).value())).isEqualTo("again");
    }

    @Test
    void keysAreIndependent() {
        await(store.create("group/a", bytes("a")));
        await(store.create("group/b", bytes("b")));
        assertThat(text(((Found) await(store.get("group/a"))).value())).isEqualTo("a");
        assertThat(text(((Found) await(store.get("group/b"))).value())).isEqualTo("b");
    }

    @Test
    void theStoreKeepsItsOwnCopyOfAValue() {
        byte[] value = bytes("one");
        await(store.create("group/a", value));
        value[0] = 'X';
        assertThat(text(((Found) await(store.get("group/a"))).value())).isEqualTo("one");
    }

    /** Many writers incrementing one counter by read-then-compare-and-set lose no increment. */
    @Test
    void racingCompareAndSetsLoseNoUpdate() throws Exception {
        await(store.create("counter", bytes("0")));
        int writers = 8;
        int increments = 50;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                done.add(pool.submit(() -> incrementTimes("counter", increments)));
            }
            for (Future<?> future : done) {
                future.get(Timing.patience().toMillis(), TimeUnit.MILLISECONDS);
            }
            assertThat(text(((Found) await(store.get("counter"))).value()))
                    .isEqualTo(Integer.toString(writers * increments));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClosedStoreAnswersUnavailable() {
        store.close();
        assertThat(await(store.get("group/a"))).isInstanceOf(Unavailable.class);
        assertThat(await(store.create("group/a", bytes("a")))).isInstanceOf(Unavailable.class);
    }

    private void incrementTimes(String key, int times) {
        for (int done = 0; done < times; ) {
            Found found = (Found) await(store.get(key));
            int next = Integer.parseInt(text(found.value())) + 1;
            WriteOutcome outcome = await(store.compareAndSet(key, found.version(), bytes(Integer.toString(next))));
            if (outcome instanceof Written) {
                done++;
            } else {
                assertThat(outcome).isInstanceOf(Conflict.class);
            }
        }
    }

    protected static <T> T await(CompletableFuture<T> future) {
        return future.orTimeout(Timing.patience().toMillis(), TimeUnit.MILLISECONDS).join();
    }

    protected static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    protected static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}

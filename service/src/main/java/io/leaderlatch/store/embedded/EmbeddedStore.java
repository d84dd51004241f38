package io.leaderlatch.store.embedded;

import io.leaderlatch.store.Conflict;
import io.leaderlatch.store.ElectionStore;
import io.leaderlatch.store.Found;
import io.leaderlatch.store.NotFound;
import io.leaderlatch.store.ReadOutcome;
import io.leaderlatch.store.Unavailable;
import io.leaderlatch.store.Version;
import io.leaderlatch.store.WriteOutcome;
import io.leaderlatch.store.Written;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * An in-memory store for one process: the same conditional-write rules as the Riak store, with
 * nothing to install. Its state ends with the process.
 *
 * <p>Versions come from one counter that never repeats, so a version read before a delete never
 * matches a record created again under the same key. {@link #setAvailable(boolean)} switches the
 * store into answering {@link Unavailable}, the way a Riak cluster without quorum answers.
 */
public final class EmbeddedStore implements ElectionStore {

    private record Entry(byte[] value, Version version) {
    }

    private final Map<String, Entry> records = new ConcurrentHashMap<>();
    private final AtomicLong versions = new AtomicLong();
    private volatile boolean available;
    private volatile boolean closed;

    public EmbeddedStore(boolean available) {
        this.available = available;
    }

    /** Makes every later request succeed or fail as a store without quorum would. */
    public void setAvailable(boolean available) {
        this.available = available;
    }

    public boolean isAvailable() {
        return available;
    }

    @Override
    public CompletableFuture<ReadOutcome> get(String key) {
        Unavailable down = unavailable();
        if (down != null) {
            return CompletableFuture.completedFuture(down);
        }
        Entry entry = records.get(key);
        ReadOutcome outcome = entry == null ? new NotFound() : new Found(entry.value(), entry.version());
        return CompletableFuture.completedFuture(outcome);
    }

    @Override
    public CompletableFuture<WriteOutcome> create(String key, byte[] value) {
        return write(() -> {
            Entry fresh = new Entry(value.clone(), nextVersion());
            return records.putIfAbsent(key, fresh) == null ? new Written(fresh.version()) : new Conflict();
        });
    }

    @Override
    public CompletableFuture<WriteOutcome> compareAndSet(String key, Version expected, byte[] value) {
        return write(() -> {
            Entry[] replaced = new Entry[1];
            records.computeIfPresent(key, (k, current) -> {
                if (!current.version().equals(expected)) {
                    return current;
                }
                replaced[0] = new Entry(value.clone(), nextVersion());
                return replaced[0];
            });
            return replaced[0] == null ? new Conflict() : new Written(replaced[0].version());
        });
    }

    @Override
    public CompletableFuture<WriteOutcome> delete(String key, Version expected) {
        return write(() -> {
            Entry current = records.get(key);
            boolean removed = current != null
                    && current.version().equals(expected)
                    && records.remove(key, current);
            return removed ? new Written(Version.NONE) : new Conflict();
        });
    }

    @Override
    public String describe() {
        return "embedded (in memory, this process only)";
    }

    @Override
    public void close() {
        closed = true;
    }

    private CompletableFuture<WriteOutcome> write(Supplier<WriteOutcome> conditionalWrite) {
        Unavailable down = unavailable();
        return CompletableFuture.completedFuture(down != null ? down : conditionalWrite.get());
    }

    private Unavailable unavailable() {
        if (closed) {
            return Unavailable.of("store closed");
        }
        return available ? null : Unavailable.of("embedded store switched unavailable");
    }

    private Version nextVersion() {
        return Version.of(ByteBuffer.allocate(Long.BYTES).putLong(versions.incrementAndGet()).array());
    }
}

package io.leaderlatch.testing.service;

import io.leaderlatch.store.ElectionStore;
import io.leaderlatch.store.ReadOutcome;
import io.leaderlatch.store.Unavailable;
import io.leaderlatch.store.Version;
import io.leaderlatch.store.WriteOutcome;
import io.leaderlatch.store.Written;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Wraps a store and injects what a real store can do that the embedded store cannot show on its
 * own: a write that is applied but answered as a timeout (outcome unknown), and slow answers.
 */
public final class FaultyStore implements ElectionStore {

    private final ElectionStore delegate;
    private final AtomicInteger writesToAnswerAsTimeout = new AtomicInteger();
    private final List<Runnable> heldWrites = new ArrayList<>();
    private boolean holding;
    private volatile boolean cutOff;

    public FaultyStore(ElectionStore delegate) {
        this.delegate = delegate;
    }

    /** The next {@code count} writes are applied, then answered {@link Unavailable} with an unknown outcome. */
    public void applyButTimeOut(int count) {
        writesToAnswerAsTimeout.set(count);
    }

    /** Later writes are applied but not answered until {@link #releaseWrites()}: a slow store. */
    public synchronized void holdWrites() {
        holding = true;
    }

    /** Answers every held write, in order, and stops holding. */
    public void releaseWrites() {
        List<Runnable> release;
        synchronized (this) {
            holding = false;
            release = new ArrayList<>(heldWrites);
            heldWrites.clear();
        }
        release.forEach(Runnable::run);
    }

    /** Every later call fails as if this client could not reach the store; the store itself is fine. */
    public void cutOff() {
        cutOff = true;
    }

    public void restore() {
        cutOff = false;
    }

    @Override
    public CompletableFuture<ReadOutcome> get(String key) {
        return cutOff ? CompletableFuture.completedFuture(Unavailable.of("cut off (injected)")) : delegate.get(key);
    }

    @Override
    public CompletableFuture<WriteOutcome> create(String key, byte[] value) {
        return write(() -> delegate.create(key, value));
    }

    @Override
    public CompletableFuture<WriteOutcome> compareAndSet(String key, Version expected, byte[] value) {
        return write(() -> delegate.compareAndSet(key, expected, value));
    }

    @Override
    public CompletableFuture<WriteOutcome> delete(String key, Version expected) {
        return write(() -> delegate.delete(key, expected));
    }

    private CompletableFuture<WriteOutcome> write(Supplier<CompletableFuture<WriteOutcome>> request) {
        if (cutOff) {
            return CompletableFuture.completedFuture(Unavailable.of("cut off (injected)"));
        }
        CompletableFuture<WriteOutcome> write = request.get();
        CompletableFuture<WriteOutcome> answer = write.thenApply(outcome -> outcome instanceof Written
                && writesToAnswerAsTimeout.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                ? Unavailable.unknownOutcome("timeout (injected)")
                : outcome);
        synchronized (this) {
            if (!holding) {
                return answer;
            }
            CompletableFuture<WriteOutcome> held = new CompletableFuture<>();
            heldWrites.add(() -> answer.thenAccept(held::complete));
            return held;
        }
    }

    @Override
    public String describe() {
        return "faulty " + delegate.describe();
    }

    @Override
    public void close() {
        delegate.close();
    }
}

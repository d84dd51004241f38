package io.leaderlatch.testing;

import io.leaderlatch.store.ElectionStore;
import io.leaderlatch.store.ReadOutcome;
import io.leaderlatch.store.Unavailable;
import io.leaderlatch.store.Version;
import io.leaderlatch.store.WriteOutcome;
import io.leaderlatch.store.Written;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a store and injects the one failure a real store can have that the embedded store cannot
 * show on its own: a write that is applied but answered as a timeout (outcome unknown).
 */
public final class FaultyStore implements ElectionStore {

    private final ElectionStore delegate;
    private final AtomicInteger writesToAnswerAsTimeout = new AtomicInteger();

    public FaultyStore(ElectionStore delegate) {
        this.delegate = delegate;
    }

    /** The next {@code count} writes are applied, then answered {@link Unavailable} with an unknown outcome. */
    public void applyButTimeOut(int count) {
        writesToAnswerAsTimeout.set(count);
    }

    @Override
    public CompletableFuture<ReadOutcome> get(String key) {
        return delegate.get(key);
    }

    @Override
    public CompletableFuture<WriteOutcome> create(String key, byte[] value) {
        return maybeTimeOut(delegate.create(key, value));
    }

    @Override
    public CompletableFuture<WriteOutcome> compareAndSet(String key, Version expected, byte[] value) {
        return maybeTimeOut(delegate.compareAndSet(key, expected, value));
    }

    @Override
    public CompletableFuture<WriteOutcome> delete(String key, Version expected) {
        return maybeTimeOut(delegate.delete(key, expected));
    }

    private CompletableFuture<WriteOutcome> maybeTimeOut(CompletableFuture<WriteOutcome> write) {
        return write.thenApply(outcome -> outcome instanceof Written
                && writesToAnswerAsTimeout.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                ? Unavailable.unknownOutcome("timeout (injected)")
                : outcome);
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

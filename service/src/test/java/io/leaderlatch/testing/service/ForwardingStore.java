package io.leaderlatch.testing.service;

import io.leaderlatch.store.ElectionStore;
import io.leaderlatch.store.ReadOutcome;
import io.leaderlatch.store.Version;
import io.leaderlatch.store.WriteOutcome;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A store that hands every call to another one; tests extend it and override only the calls they
 * change (count, hold back, rewrite, or keep a shared store open).
 */
public abstract class ForwardingStore implements ElectionStore {

    protected final ElectionStore delegate;

    protected ForwardingStore(ElectionStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletableFuture<ReadOutcome> get(String key) {
        return delegate.get(key);
    }

    @Override
    public CompletableFuture<WriteOutcome> create(String key, byte[] value) {
        return delegate.create(key, value);
    }

    @Override
    public CompletableFuture<WriteOutcome> compareAndSet(String key, Version expected, byte[] value) {
        return delegate.compareAndSet(key, expected, value);
    }

    @Override
    public CompletableFuture<WriteOutcome> delete(String key, Version expected) {
        return delegate.delete(key, expected);
    }

    @Override
    public CompletableFuture<Optional<String>> diagnose() {
        return delegate.diagnose();
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public void close() {
        delegate.close();
    }
}

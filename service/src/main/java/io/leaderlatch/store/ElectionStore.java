package io.leaderlatch.store;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The storage SPI of the election: versioned records under string keys, changed only by
 * conditional writes.
 *
 * <p>Every operation is asynchronous and completes normally with a typed outcome; a store never
 * completes a future exceptionally for a store failure, it answers {@link Unavailable} instead.
 * {@link Unavailable#outcomeUnknown()} tells the caller that a write may or may not have been
 * applied, so the record must be read again before anything is decided on it.
 */
public interface ElectionStore extends AutoCloseable {

    /** Reads the record under {@code key}: {@link Found}, {@link NotFound} or {@link Unavailable}. */
    CompletableFuture<ReadOutcome> get(String key);

    /**
     * Creates {@code key} only if it is absent: {@link Written}, {@link Conflict} when the key
     * exists, or {@link Unavailable}.
     */
    CompletableFuture<WriteOutcome> create(String key, byte[] value);

    /**
     * Replaces {@code key} only if its current version is {@code expected}: {@link Written},
     * {@link Conflict} when the version is not current or the key is gone, or {@link Unavailable}.
     */
    CompletableFuture<WriteOutcome> compareAndSet(String key, Version expected, byte[] value);

    /**
     * Deletes {@code key} only if its current version is {@code expected}: {@link Written} (with
     * {@link Version#NONE}), {@link Conflict}, or {@link Unavailable}.
     */
    CompletableFuture<WriteOutcome> delete(String key, Version expected);

    /**
     * Checks whether the store can serve elections and, when it cannot, says why in words an
     * operator can act on (e.g. which command creates a missing bucket type). Empty when ready.
     */
    default CompletableFuture<Optional<String>> diagnose() {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    /** A short description for logs and status output, e.g. {@code embedded}. */
    String describe();

    /** Releases connections and threads; outstanding futures complete with {@link Unavailable}. */
    @Override
    void close();
}

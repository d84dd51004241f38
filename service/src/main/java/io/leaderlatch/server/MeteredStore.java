package io.leaderlatch.server;

import io.leaderlatch.metrics.MeterNames;
import io.leaderlatch.store.Conflict;
import io.leaderlatch.store.ElectionStore;
import io.leaderlatch.store.Found;
import io.leaderlatch.store.NotFound;
import io.leaderlatch.store.ReadOutcome;
import io.leaderlatch.store.Version;
import io.leaderlatch.store.WriteOutcome;
import io.leaderlatch.store.Written;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Times every store request by operation and outcome; otherwise passes it through unchanged. */
final class MeteredStore implements ElectionStore {

    private final ElectionStore delegate;
    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    MeteredStore(ElectionStore delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
    }

    @Override
    public CompletableFuture<ReadOutcome> get(String key) {
        return timed("get", delegate.get(key));
    }

    @Override
    public CompletableFuture<WriteOutcome> create(String key, byte[] value) {
        return timed("create", delegate.create(key, value));
    }

    @Override
    public CompletableFuture<WriteOutcome> compareAndSet(String key, Version expected, byte[] value) {
        return timed("compare_and_set", delegate.compareAndSet(key, expected, value));
    }

    @Override
    public CompletableFuture<WriteOutcome> delete(String key, Version expected) {
        return timed("delete", delegate.delete(key, expected));
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

    private <T> CompletableFuture<T> timed(String operation, CompletableFuture<T> request) {
        long start = System.nanoTime();
        return request.whenComplete((outcome, error) -> timer(operation, error != null ? "error" : outcomeName(outcome))
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
    }

    /** The timer of one pair, registered with its first request and looked up without building tags after that. */
    private Timer timer(String operation, String outcome) {
        return timers.computeIfAbsent(operation + ' ' + outcome, pair -> Timer.builder(MeterNames.STORE_REQUESTS)
                .tag(MeterNames.TAG_OPERATION, operation)
                .tag(MeterNames.TAG_OUTCOME, outcome)
                .description("store requests by operation and outcome")
                .register(registry));
    }

    private static String outcomeName(Object outcome) {
        if (outcome instanceof Found) {
            return "found";
        } else if (outcome instanceof NotFound) {
            return "not_found";
        } else if (outcome instanceof Written) {
            return "written";
        } else if (outcome instanceof Conflict) {
            return "conflict";
        }
        return "unavailable";
    }
}

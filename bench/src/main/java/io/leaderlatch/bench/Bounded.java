package io.leaderlatch.bench;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Every wait of the benchmark, each with its bound: nothing waits for ever. */
public final class Bounded {

    private Bounded() {
    }

    public static <T> T get(CompletableFuture<T> future, Duration bound, String what) {
        try {
            return future.get(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new BenchFailure(what + ": not within " + bound.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new BenchFailure(what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure(what + ": interrupted");
        }
    }

    /** Waits for every future; returns the latest of their values (nanoTime stamps). */
    static long latest(Collection<CompletableFuture<Long>> futures, Duration bound, String what) {
        get(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)), bound, what);
        return futures.stream().mapToLong(CompletableFuture::join).max().orElseThrow();
    }

    /** The value of whichever future completes first. */
    static long first(Collection<CompletableFuture<Long>> futures, Duration bound, String what) {
        return (Long) get(CompletableFuture.anyOf(futures.toArray(CompletableFuture[]::new)), bound, what);
    }

    public static void until(BooleanSupplier condition, Duration bound, String what) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new BenchFailure(what + ": not within " + bound.toMillis() + " ms");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchFailure(what + ": interrupted");
            }
        }
    }
}

package io.leaderlatch.bench;

/** A scenario or a process of the benchmark did not do what it should within its bound. */
public final class BenchFailure extends RuntimeException {

    public BenchFailure(String message) {
        super(message);
    }

    public BenchFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

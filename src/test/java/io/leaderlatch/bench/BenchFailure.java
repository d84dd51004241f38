package io.leaderlatch.bench;

/** A scenario or a process of the benchmark did not do what it should within its bound. */
final class BenchFailure extends RuntimeException {

    BenchFailure(String message) {
        super(message);
    }

    BenchFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

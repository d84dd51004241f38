package io.leaderlatch.store;

/** The key holds no record. */
public record NotFound() implements ReadOutcome {
}

package io.leaderlatch.store;

/** The write's condition did not hold (the key exists, or the version is not current); nothing was written. */
public record Conflict() implements WriteOutcome {
}

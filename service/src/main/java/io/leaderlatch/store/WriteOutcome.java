package io.leaderlatch.store;

/** The outcome of a conditional write: create, compare-and-set or delete. */
public sealed interface WriteOutcome permits Written, Conflict, Unavailable {
}

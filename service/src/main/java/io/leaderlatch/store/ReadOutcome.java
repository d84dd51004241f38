package io.leaderlatch.store;

/** The outcome of {@link ElectionStore#get}. */
public sealed interface ReadOutcome permits Found, NotFound, Unavailable {
}

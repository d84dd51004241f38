package io.leaderlatch.store.riak;

/** What the Riak store's request queue reports for metrics; any thread may read it. */
public interface RequestQueueStats {

    /** Requests waiting for a free connection. */
    int waiting();

    /** Requests sent to Riak and not yet answered (or given up on). */
    int inFlight();

    /** Requests refused, never sent, because {@code max-queued-requests} were already waiting. */
    long refusedFull();

    /** Requests refused, never sent, because they waited a whole request timeout for a connection. */
    long refusedExpired();
}

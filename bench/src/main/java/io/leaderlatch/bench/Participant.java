package io.leaderlatch.bench;

import java.util.concurrent.CompletableFuture;

/**
 * One member of one group, as its own client sees it. Times are {@link System#nanoTime()} stamps
 * taken in this JVM when the client learnt the fact.
 */
public interface Participant {

    String name();

    /**
     * Completes when the participant first knows who leads, with its membership recorded: for this
     * service the answer to its JOIN; for ZooKeeper its latch node created and the leader read, or
     * its latch telling it that it leads.
     */
    CompletableFuture<Long> knowsLeader();

    /** Completes when the participant is told that it leads. */
    CompletableFuture<Long> leads();

    /** Leaves the group: closes the connection (this service) or the latch (ZooKeeper). Does not wait. */
    void leave();
}

package io.leaderlatch.bench;

import java.time.Duration;
import java.util.Optional;

/** A system under test as the scenarios drive it: a server in its own JVM and this JVM's clients of it. */
interface Contender extends AutoCloseable {

    /** The column heading, e.g. {@code ZooKeeper 3.9.5 + Curator 5.9.0}. */
    String label();

    /** Starts a new participant, with its own connection or session, joining {@code group}. Does not wait. */
    Participant join(String group, String name);

    /** Starts a participant in a process of its own, for killing; returns once it leads. */
    LeaderProcess startLeaderProcess(String group, String name, Duration bound);

    /** What bounds failover after a client process dies, beyond the kill itself, if anything. */
    Optional<String> crashNote();

    /** Waits until what the clients do after leaving (closing sessions) is done, so the next trial starts calm. */
    default void settle(Duration bound) {
    }

    /** The server JVM's process id, for heap measurements. */
    long serverPid();

    /** Stops the clients and the server. */
    @Override
    void close();
}

package io.leaderlatch.chaos;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The Riak that a chaos run's instances keep their state in: the protocol test server, whose
 * faults are exact and fast, or a real cluster, whose faults are real node failures.
 */
interface Backend extends AutoCloseable {

    /** The Riak node beside instance {@code instance}. */
    InetSocketAddress endpoint(int instance);

    /** Settings lines every instance adds to its own (the bucket, say). */
    String settings();

    /** The store faults this backend can inject, as samples the schedule picks kinds from. */
    List<Class<? extends Event.Fault>> storeFaults();

    /** Switches on a store fault of one of the {@link #storeFaults()} kinds. */
    void inject(Event.Fault fault);

    /** Undoes every store fault and waits until the store serves again. */
    void heal();

    /** Called before an instance starts, and again once it holds its lease. */
    default void instanceStarting() {
    }

    default void instanceStarted() {
    }

    /** The client names in a group's stored record, in order; empty when it has none. */
    List<String> recordMembers(String group);

    @Override
    void close();
}

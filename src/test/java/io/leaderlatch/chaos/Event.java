package io.leaderlatch.chaos;

import java.time.Duration;

/** One step of a {@link Schedule}: something a client does, a fault, a heal or a pause in between. */
sealed interface Event {

    /** A client joins {@code group} on {@code instance}; in the client process or in this JVM. */
    record Join(int group, int instance, boolean inClientProcess) implements Event {
    }

    /** {@code size} clients join one group at once, on instances in turn from {@code firstInstance}. */
    record Burst(int group, int size, int firstInstance) implements Event {
    }

    /** An open client of this JVM (the {@code pick}-th, modulo how many) closes its connection. */
    record Close(int pick) implements Event {
    }

    /** As {@link Close}, with a reset. */
    record Reset(int pick) implements Event {
    }

    /** The client process is killed with SIGKILL, with every client in it. */
    record KillClientProcess() implements Event {
    }

    /** Nothing happens for a while. */
    record Wait(Duration duration) implements Event {
    }

    /** A fault, switched on until the next {@link Heal}. */
    sealed interface Fault extends Event {
    }

    /** SIGKILL of an instance; it is started again (a new instance id) at the heal. */
    record KillInstance(int instance) implements Fault {
    }

    /** The instance's Riak node closes every connection: the instance is cut off from the store. */
    record CutOff(int instance) implements Fault {
    }

    /** Every node answers {@code unavailable}: the whole store is down. */
    record StoreDown() implements Fault {
    }

    /** The instance's Riak node answers every request this much later. */
    record Latency(int instance, Duration delay) implements Fault {
    }

    /** The instance's Riak node applies its next {@code writes} writes and answers {@code timeout}. */
    record ApplyThenTimeout(int instance, int writes) implements Fault {
    }

    /** SIGSTOP of an instance; SIGCONT at the heal. */
    record Pause(int instance) implements Fault {
    }

    /** Every fault is undone: nodes restored, paused instances resumed, killed ones started again. */
    record Heal() implements Event {
    }
}

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

    /**
     * SIGKILL of an instance; it is started again (a new instance id) at the heal. With
     * {@code membersReturn}, its members in this JVM come back at once under their own names on
     * another instance, retrying on NAME_IN_USE, as clients whose connections the dead host reset
     * do.
     */
    record KillInstance(int instance, boolean membersReturn) implements Fault {
    }

    /**
     * The Riak node beside the instance dies (SIGKILL): the instance is cut off from the store, and
     * the keys whose consensus group the node led answer {@code timeout} until new leaders are elected.
     */
    record NodeDown(int instance) implements Fault {
    }

    /** The Riak node beside the instance stops cleanly. */
    record NodeStopped(int instance) implements Fault {
    }

    /** The Riak node beside the instance is paused (SIGSTOP): it accepts connections and answers nothing. */
    record NodePaused(int instance) implements Fault {
    }

    /** Two Riak nodes of three are down: no quorum anywhere, requests answer {@code timeout}. */
    record QuorumLost() implements Fault {
    }

    /** A client host vanishes: its network port down, its client process frozen. */
    record ClientHostVanishes(int host) implements Fault {
    }

    /** A client host and an instance's host cannot reach each other; both reach everyone else. */
    record ClientCutFromInstance(int host, int instance) implements Fault {
    }

    /** An instance's host vanishes: its network port down, the instance frozen. */
    record InstanceHostVanishes(int instance) implements Fault {
    }

    /** An instance's host and the Riak host cannot reach each other. */
    record InstanceCutFromRiak(int instance) implements Fault {
    }

    /** An instance's host cannot reach the other instances' hosts: its change hints are lost, both ways. */
    record HintsCut(int instance) implements Fault {
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

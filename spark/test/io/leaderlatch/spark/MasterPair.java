package io.leaderlatch.spark;

import java.time.Duration;
import java.util.List;

/**
 * Two masters of one cluster and a worker, as an operator runs them: one master ALIVE, the other
 * STANDBY, the worker registered with the leader. The leader can be killed or stopped and started
 * again, as its supervisor would, to become the new standby.
 */
final class MasterPair implements AutoCloseable {

    /** Generous: JVMs start slowly on a loaded two-core machine. */
    private static final Duration START_BOUND = Duration.ofSeconds(120);
    /** Only a bound for a failover that never comes; the failover itself is measured, not bounded. */
    private static final Duration FAILOVER_BOUND = Duration.ofSeconds(90);

    /** How the leading master is made to end. */
    enum Stop {
        /** SIGKILL: no shutdown hook runs, the kernel closes its sockets. */
        KILL,
        /** SIGTERM: the master's JVM runs its shutdown hooks. */
        TERM,
        /**
         * SIGSTOP of the master alone: its host and kernel stay up and keep its connections open,
         * as in a very long garbage-collection pause.
         */
        PAUSE,
        /**
         * Its host vanishes: the host's network port down and the master frozen (SIGSTOP), so that
         * nothing, not even a reset, comes from it again. Needs the masters on hosts of a {@link Lan}.
         */
        VANISH
    }

    private final SparkJvm jvm;
    private final Recovery recovery;
    private final Placement[] hosts;
    private final Placement workerHost;
    private final Lan lan;
    private final SparkMaster[] masters = new SparkMaster[2];
    private ChildProcess worker;
    private int stopped = -1;
    private int restarts;

    private MasterPair(SparkJvm jvm, Recovery recovery, Placement[] hosts, Placement workerHost, Lan lan) {
        this.jvm = jvm;
        this.recovery = recovery;
        this.hosts = hosts;
        this.workerHost = workerHost;
        this.lan = lan;
    }

    /** Starts two masters on loopback and returns once one is ALIVE and the other STANDBY. */
    static MasterPair start(SparkJvm jvm, Recovery recovery) {
        return start(jvm, recovery, new Placement[] {Placement.LOOPBACK, Placement.LOOPBACK}, Placement.LOOPBACK, null);
    }

    /** The same, each master and the worker on a host of its own on {@code lan}, whose hosts can vanish. */
    static MasterPair start(SparkJvm jvm, Recovery recovery, Placement[] hosts, Placement workerHost, Lan lan) {
        MasterPair pair = new MasterPair(jvm, recovery, hosts, workerHost, lan);
        try {
            pair.masters[0] = SparkMaster.start(jvm, hosts[0], "master-a", 0, recovery);
            pair.masters[1] = SparkMaster.start(jvm, hosts[1], "master-b", 0, recovery);
            pair.masters[0].awaitBound();
            pair.masters[1].awaitBound();
            Bounded.until(pair::settled, START_BOUND, "one master ALIVE and one STANDBY: " + List.of(pair.masters));
            return pair;
        } catch (RuntimeException e) {
            pair.close();
            throw e;
        }
    }

    /** Starts the worker, given both masters, and returns once the leader lists it ALIVE. */
    void startWorker() {
        worker = SparkWorker.start(jvm, workerHost, List.of(masters));
        Bounded.until(() -> leader().isAliveWithWorker(), START_BOUND,
                "the leader to list the worker ALIVE: " + leader() + ", " + worker);
    }

    /** True while exactly one master is ALIVE and the other STANDBY. */
    boolean settled() {
        boolean firstAlive = masters[0].isAlive();
        boolean secondAlive = masters[1].isAlive();
        return firstAlive != secondAlive && (firstAlive ? masters[1].isStandby() : masters[0].isStandby());
    }

    SparkMaster leader() {
        return masters[0].isAlive() ? masters[0] : masters[1];
    }

    SparkMaster standby() {
        return masters[0].isAlive() ? masters[1] : masters[0];
    }

    /**
     * Ends the leader with {@code how} and measures until the standby is ALIVE and lists the
     * worker ALIVE; returns that time.
     */
    Duration failover(Stop how) {
        SparkMaster leader = leader();
        SparkMaster standby = standby();
        stopped = leader == masters[0] ? 0 : 1;
        long start = System.nanoTime();
        if (how == Stop.KILL) {
            leader.process().kill();
        } else if (how == Stop.TERM) {
            leader.process().terminate();
        } else if (how == Stop.PAUSE) {
            leader.process().freeze();
        } else {
            lan.unplug(leader.placement());
            leader.process().freeze();
        }
        Bounded.until(standby::isAliveWithWorker, FAILOVER_BOUND,
                "the standby to become ALIVE with the worker ALIVE: " + standby);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (how == Stop.VANISH) {
            // The host comes back with a new master: the frozen one ends, and its port is plugged in.
            leader.process().kill();
            leader.process().awaitExit();
            lan.plug(leader.placement());
        } else if (how == Stop.PAUSE) {
            // Resumed, it would find its leadership gone and exit; its supervisor's restart follows.
            leader.process().thaw();
            leader.process().awaitExit();
        } else {
            leader.process().awaitExit();
        }
        return took;
    }

    /** Starts the master that {@link #failover} ended again, on its port, and waits until it is STANDBY. */
    void restartStopped() {
        SparkMaster old = masters[stopped];
        restarts++;
        // A log of its own: the ports the earlier run bound are still in the earlier one.
        String name = (stopped == 0 ? "master-a" : "master-b") + "-restart-" + restarts;
        masters[stopped] = SparkMaster.start(jvm, hosts[stopped], name, old.port(), recovery).awaitBound();
        Bounded.until(this::settled, START_BOUND, "the restarted master to be STANDBY: " + masters[stopped]);
        stopped = -1;
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.close();
        }
        for (SparkMaster master : masters) {
            if (master != null) {
                master.close();
            }
        }
    }
}

package io.leaderlatch.chaos;

import java.time.Duration;

/**
 * One run of the checker.
 *
 * @param seed       seeds the one {@link java.util.Random} that draws the schedule
 * @param rounds     at most this many rounds (churn, a fault, a heal, a settle check)
 * @param maxRunTime no new round starts after this much time
 * @param world      how the Riak test cluster behaves once the instances hold their leases
 */
record ChaosOptions(long seed, int rounds, Duration maxRunTime, int instances, int groups, int maxClients,
                    World world) {

    /** Election timings of every instance: short, so that leases expire within seconds. */
    static final Duration LEASE = Duration.ofSeconds(5);
    static final Duration RENEW_INTERVAL = Duration.ofMillis(500);
    /** Wide enough that a child JVM starved of CPU on a loaded 2-core machine still fences in time. */
    static final Duration FENCE_MARGIN = Duration.ofSeconds(2);
    static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    static final Duration RIAK_REQUEST_TIMEOUT = Duration.ofMillis(500);
    /**
     * TCP keepalive of the instances' client connections and of the checker's clients alike (the
     * service's defaults): each side finds a connection the other can no longer reach equally soon.
     */
    static final Duration KEEPALIVE_IDLE = Duration.ofSeconds(1);
    static final Duration KEEPALIVE_INTERVAL = Duration.ofSeconds(1);
    static final int KEEPALIVE_COUNT = 2;
    /** How long a confirmation vouches for a leadership after its probe was sent: the fence margin. */
    static final Duration CONFIRMATION_WINDOW = FENCE_MARGIN;
    static final Duration PROBE_EVERY = CONFIRMATION_WINDOW.dividedBy(4);
    /**
     * After a heal (and a killed instance's restart), every group must settle within this: a
     * lease, a renewal and a poll for a dead instance's members to be removed, and 20 s of slack
     * for a loaded 2-core machine and departures retried with backoff.
     */
    static final Duration SETTLE_BOUND = LEASE.plus(RENEW_INTERVAL).plus(POLL_INTERVAL).plusSeconds(20);

    static ChaosOptions of(long seed, int rounds, Duration maxRunTime) {
        return new ChaosOptions(seed, rounds, maxRunTime, 3, 5, 24, World.SOUND);
    }

    ChaosOptions in(World broken) {
        return new ChaosOptions(seed, rounds, maxRunTime, instances, groups, maxClients, broken);
    }

    /** The settings file of every instance. */
    static String instanceSettings() {
        return String.join("\n",
                "leader-latch.store.type = riak",
                "leader-latch.riak { request-timeout = " + RIAK_REQUEST_TIMEOUT.toMillis() + "ms,"
                        + " connect-timeout = " + RIAK_REQUEST_TIMEOUT.toMillis() + "ms }",
                "leader-latch.election { lease = " + LEASE.toMillis() + "ms, renew-interval = "
                        + RENEW_INTERVAL.toMillis() + "ms, fence-margin = " + FENCE_MARGIN.toMillis()
                        + "ms, poll-interval = " + POLL_INTERVAL.toMillis() + "ms }",
                "leader-latch.server.keepalive { idle = " + KEEPALIVE_IDLE.toSeconds() + "s, interval = "
                        + KEEPALIVE_INTERVAL.toSeconds() + "s, count = " + KEEPALIVE_COUNT + " }",
                "leader-latch.metrics.jmx-enabled = false", "");
    }
}

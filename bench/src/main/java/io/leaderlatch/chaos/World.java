package io.leaderlatch.chaos;

import io.leaderlatch.testing.riak.RiakTestCluster;

/**
 * How the Riak test cluster behaves once the instances hold their leases: as Riak does, or broken
 * on purpose so that one leader per group cannot hold, to prove that the checker notices. The
 * breakage comes only after start-up: an instance's store check refuses a store that writes blind.
 */
enum World {
    /** Riak's rules. */
    SOUND,
    /** Every write is applied whatever its vclock or {@code if_none_match}: blind writes. */
    BLIND_WRITES,
    /** Heartbeat writes ({@code instance/} keys) are acknowledged and not stored. */
    LOST_HEARTBEATS;

    void breakIt(RiakTestCluster cluster) {
        switch (this) {
            case BLIND_WRITES -> cluster.ignoreConditionalWrites();
            case LOST_HEARTBEATS -> cluster.acknowledgeWritesWithoutStoring("instance/");
            default -> {
            }
        }
    }
}

package io.leaderlatch.testing.riak;

import shaded.com.basho.riak.protobuf.RiakKvPB.RpbDelReq;
import shaded.com.basho.riak.protobuf.RiakKvPB.RpbGetReq;
import shaded.com.basho.riak.protobuf.RiakKvPB.RpbPutReq;
import shaded.com.basho.riak.protobuf.RiakMessageCodes;
import shaded.com.google.protobuf.ByteString;
import shaded.com.google.protobuf.InvalidProtocolBufferException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Which node leads the consensus group of each key, and which groups are electing a new leader
 * after theirs was lost. Real Riak answers {@code timeout} at once for a key whose ensemble has no
 * leader, from every node, until the surviving peers have elected one (measured on the 3-node
 * cluster: about 6 s after a node was killed, for the keys its ensembles led). Here each key's
 * ensemble is led by node {@code hash(key) mod nodes}. Thread-safe.
 */
final class Ensembles {

    private final int nodes;
    /** Per node, the {@link System#nanoTime()} until which the ensembles it led have no leader. */
    private final AtomicLongArray leaderlessUntil;

    Ensembles(int nodes) {
        this.nodes = nodes;
        this.leaderlessUntil = new AtomicLongArray(nodes);
        long now = System.nanoTime();
        for (int i = 0; i < nodes; i++) {
            leaderlessUntil.set(i, now);
        }
    }

    /** The ensembles node {@code index} led are without a leader for {@code election}. */
    void leaderLost(int index, Duration election) {
        leaderlessUntil.set(index, System.nanoTime() + election.toNanos());
    }

    void restore() {
        long now = System.nanoTime();
        for (int i = 0; i < nodes; i++) {
            leaderlessUntil.set(i, now);
        }
    }

    /** True when {@code request} is for a key whose ensemble is electing a leader right now. */
    boolean leaderless(PbMessage request) {
        if (!request.isKeyValue()) {
            return false;
        }
        ByteString key = key(request);
        int leader = Math.floorMod(key.hashCode(), nodes);
        return leaderlessUntil.get(leader) - System.nanoTime() > 0;
    }

    private static ByteString key(PbMessage request) {
        try {
            return switch (request.code()) {
                case RiakMessageCodes.MSG_GetReq -> RpbGetReq.parseFrom(request.body()).getKey();
                case RiakMessageCodes.MSG_PutReq -> RpbPutReq.parseFrom(request.body()).getKey();
                default -> RpbDelReq.parseFrom(request.body()).getKey();
            };
        } catch (InvalidProtocolBufferException e) {
            return ByteString.EMPTY; // answered as malformed by the request processor
        }
    }
}

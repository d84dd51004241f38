package io.leaderlatch.testing.service;

import io.leaderlatch.election.ShardRecordCodec;
import io.leaderlatch.store.ElectionStore;
import io.leaderlatch.store.Found;
import io.leaderlatch.store.ReadOutcome;
import io.leaderlatch.testing.riak.RiakTestCluster;

import java.util.List;
import java.util.Optional;

/** Reads a group's members straight from where the service keeps them: the group's shard record. */
public final class StoredGroups {

    private StoredGroups() {
    }

    /** The key of the shard record holding {@code group}. */
    public static String key(String group) {
        return ShardRecordCodec.keyOf(group);
    }

    /** The client names of the group's members in join order; empty when it has none. */
    public static List<String> clients(ElectionStore store, String group) {
        ReadOutcome outcome = store.get(key(group)).join();
        return outcome instanceof Found found ? ShardRecordCodec.clients(found.value(), group) : List.of();
    }

    /** The same, read from a Riak test cluster's state without a request. */
    public static List<String> clients(RiakTestCluster cluster, String bucketType, String bucket, String group) {
        Optional<byte[]> shard = cluster.value(bucketType, bucket, key(group));
        return shard.map(value -> ShardRecordCodec.clients(value, group)).orElse(List.of());
    }
}

package io.leaderlatch.testing.service;

import io.leaderlatch.store.riak.RiakStore;
import io.leaderlatch.store.riak.RiakStoreOptions;
import io.leaderlatch.testing.riak.RealRiakCluster;

import java.time.Duration;

/** The service's Riak store on a real cluster: the one piece of {@link RealRiakCluster} that needs the service. */
public final class RealRiakStores {

    private RealRiakStores() {
    }

    /** A store on every node of {@code cluster}, in {@code bucket} of its strongly consistent bucket type. */
    public static RiakStore open(RealRiakCluster cluster, String bucket, Duration requestTimeout) {
        return new RiakStore(new RiakStoreOptions(cluster.endpoints(), RealRiakCluster.BUCKET_TYPE, bucket, requestTimeout,
                Duration.ofSeconds(2), 8, 1024));
    }
}

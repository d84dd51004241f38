package io.leaderlatch.store.riak;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * How to reach Riak and where to keep the records.
 *
 * @param endpoints protocol buffers endpoints of Riak nodes; requests are spread over them
 * @param bucketType a bucket type created with {@code consistent: true}
 * @param bucket the bucket holding the records
 * @param requestTimeout how long one request may take before its outcome counts as unknown
 * @param connectTimeout how long opening a connection may take
 * @param maxConnections connections per node, at most
 * @param maxQueuedRequests requests waiting for a free connection, at most; more are refused unsent
 */
public record RiakStoreOptions(List<InetSocketAddress> endpoints, String bucketType, String bucket,
                               Duration requestTimeout, Duration connectTimeout, int maxConnections,
                               int maxQueuedRequests) {

    public RiakStoreOptions {
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("no Riak endpoint");
        }
    }
}

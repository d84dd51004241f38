package io.leaderlatch.bench;

import java.time.Duration;

/**
 * Which system a scenario runs on: this service on its embedded store, ZooKeeper, or this service
 * on three instances over the Riak protocol test server with a given poll interval.
 */
record ContenderKind(String key, Duration pollInterval) {

    static final ContenderKind SERVICE = new ContenderKind("service", Duration.ZERO);
    static final ContenderKind ZOOKEEPER = new ContenderKind("zookeeper", Duration.ZERO);

    static ContenderKind riak(Duration pollInterval) {
        return new ContenderKind("riak-poll-" + pollInterval.toMillis() + "ms", pollInterval);
    }

    boolean isRiak() {
        return key.startsWith("riak");
    }
}

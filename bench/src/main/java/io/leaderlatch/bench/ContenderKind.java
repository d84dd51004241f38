package io.leaderlatch.bench;

import java.time.Duration;

/**
 * Which system a scenario runs on: this service on its embedded store, ZooKeeper, or this service
 * on three instances over the Riak protocol test server with a given poll interval, with change
 * hints between the instances or without.
 */
record ContenderKind(String key, Duration pollInterval, boolean hints) {

    static final ContenderKind SERVICE = new ContenderKind("service", Duration.ZERO, false);
    static final ContenderKind ZOOKEEPER = new ContenderKind("zookeeper", Duration.ZERO, false);

    static ContenderKind riak(Duration pollInterval, boolean hints) {
        return new ContenderKind("riak-poll-" + pollInterval.toMillis() + "ms" + (hints ? "" : "-no-hints"),
                pollInterval, hints);
    }

    boolean isRiak() {
        return key.startsWith("riak");
    }
}

package io.leaderlatch.server;

import io.leaderlatch.testing.service.ClusterView;
import io.leaderlatch.testing.InstanceProcess;
import io.leaderlatch.testing.Timing;
import io.leaderlatch.testing.riak.RiakTestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code groups} and {@code instances} on three instances in their own processes over the Riak
 * protocol test cluster: any instance shows every group and every instance, as the store holds
 * them. (The embedded store shows its own instance: {@code AdminToolProcessTest}; a real cluster:
 * {@code ServiceOnRealRiakTest}.)
 */
class IntrospectionOverRiakTest {

    private static final Duration LEASE = Duration.ofSeconds(3);

    @Test
    void anyInstanceShowsEveryGroupAndEveryInstance(@TempDir Path dir) {
        try (RiakTestCluster cluster = RiakTestCluster.start(3)) {
            List<InstanceProcess> instances = new ArrayList<>();
            try {
                for (String name : List.of("one", "two", "three")) {
                    instances.add(InstanceProcess.start(name, cluster.endpoints().get(instances.size()), String.join("\n",
                            "leader-latch.store.type = riak",
                            "leader-latch.riak { request-timeout = 1s, connect-timeout = 1s }",
                            "leader-latch.election { lease = 3s, renew-interval = 500ms, fence-margin = 1s,"
                                    + " poll-interval = 200ms }", ""), dir, Timing.patience()));
                }
                ClusterView.anyInstanceShowsTheWholeCluster(instances, LEASE);
            } finally {
                instances.forEach(InstanceProcess::kill);
            }
        }
    }
}

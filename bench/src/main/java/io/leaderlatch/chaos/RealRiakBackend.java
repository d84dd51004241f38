package io.leaderlatch.chaos;

import io.leaderlatch.store.riak.RiakStore;
import io.leaderlatch.testing.service.StoredGroups;
import io.leaderlatch.testing.riak.RealRiakCluster;
import io.leaderlatch.testing.service.RealRiakStores;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * A real Riak cluster of three nodes ({@link RealRiakCluster}, with node control), in a bucket of
 * the run's own. Its faults are real: nodes killed, stopped cleanly, paused, two of three down.
 */
final class RealRiakBackend implements Backend {

    private final RealRiakCluster cluster;
    private final String bucket = RealRiakCluster.freshBucket("chaos");
    private final RiakStore reader;

    RealRiakBackend(RealRiakCluster cluster) {
        if (cluster.endpoints().size() != 3 || !cluster.controllable()) {
            throw new IllegalArgumentException("the chaos checker needs a controllable 3-node cluster");
        }
        this.cluster = cluster;
        this.reader = RealRiakStores.open(cluster, bucket, Duration.ofSeconds(5));
        cluster.heal();
    }

    @Override
    public InetSocketAddress endpoint(int instance) {
        return cluster.node(instance % 3 + 1);
    }

    @Override
    public String settings() {
        return "leader-latch.riak.bucket = " + bucket + "\n";
    }

    @Override
    public List<Class<? extends Event.Fault>> storeFaults() {
        return List.of(Event.NodeDown.class, Event.NodeStopped.class, Event.NodePaused.class, Event.QuorumLost.class);
    }

    @Override
    public void inject(Event.Fault fault) {
        if (fault instanceof Event.NodeDown down) {
            cluster.node(down.instance() % 3 + 1, "kill");
        } else if (fault instanceof Event.NodeStopped stopped) {
            cluster.node(stopped.instance() % 3 + 1, "stop");
        } else if (fault instanceof Event.NodePaused paused) {
            cluster.node(paused.instance() % 3 + 1, "pause");
        } else if (fault instanceof Event.QuorumLost) {
            // Node 2 alone holds no quorum for any key; with node 1 alone some keys keep one.
            cluster.node(1, "kill");
            cluster.node(3, "kill");
        } else {
            throw new IllegalArgumentException("not a fault of a real cluster: " + fault);
        }
    }

    @Override
    public void heal() {
        cluster.heal();
    }

    @Override
    public List<String> recordMembers(String group) {
        try {
            return StoredGroups.clients(reader, group);
        } catch (RuntimeException e) {
            return List.of("(unreadable: " + e.getMessage() + ")");
        }
    }

    @Override
    public void close() {
        reader.close();
        cluster.heal();
    }
}

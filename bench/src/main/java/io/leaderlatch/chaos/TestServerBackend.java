package io.leaderlatch.chaos;

import io.leaderlatch.testing.service.StoredGroups;
import io.leaderlatch.testing.riak.RiakTestCluster;

import java.net.InetSocketAddress;
import java.util.List;

/** The Riak protocol test server, three nodes, behaving as {@link World} says once instances run. */
final class TestServerBackend implements Backend {

    private static final String BUCKET_TYPE = "strong";
    private static final String BUCKET = "leader_latch";

    private final RiakTestCluster cluster;
    private final World world;

    TestServerBackend(int nodes, World world) {
        this.cluster = RiakTestCluster.start(nodes);
        this.world = world;
    }

    @Override
    public InetSocketAddress endpoint(int instance) {
        return cluster.endpoints().get(instance);
    }

    @Override
    public String settings() {
        return "";
    }

    @Override
    public List<Class<? extends Event.Fault>> storeFaults() {
        return List.of(Event.NodeDown.class, Event.NodePaused.class, Event.QuorumLost.class, Event.Latency.class,
                Event.ApplyThenTimeout.class);
    }

    @Override
    public void inject(Event.Fault fault) {
        if (fault instanceof Event.NodeDown down) {
            cluster.killNode(down.instance());
        } else if (fault instanceof Event.NodeStopped stopped) {
            cluster.killNode(stopped.instance());
        } else if (fault instanceof Event.NodePaused paused) {
            // A paused node accepts connections and answers nothing, as a stalled one does.
            cluster.node(paused.instance()).stall();
        } else if (fault instanceof Event.QuorumLost) {
            cluster.loseQuorum();
        } else if (fault instanceof Event.Latency latency) {
            cluster.node(latency.instance()).latency(latency.delay());
        } else if (fault instanceof Event.ApplyThenTimeout timeout) {
            cluster.node(timeout.instance()).applyThenTimeout(timeout.writes());
        } else {
            throw new IllegalArgumentException("not a store fault: " + fault);
        }
    }

    @Override
    public void heal() {
        cluster.restoreAll();
    }

    @Override
    public void instanceStarting() {
        cluster.keepRiaksRules(); // else a new instance refuses the store
    }

    @Override
    public void instanceStarted() {
        world.breakIt(cluster);
    }

    @Override
    public List<String> recordMembers(String group) {
        return StoredGroups.clients(cluster, BUCKET_TYPE, BUCKET, group);
    }

    @Override
    public void close() {
        cluster.close();
    }
}

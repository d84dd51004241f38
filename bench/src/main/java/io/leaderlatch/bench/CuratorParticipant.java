package io.leaderlatch.bench;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A participant of a ZooKeeper election: one Curator client (its own session) with one
 * {@link LeaderLatch}. The latch says when it leads; a follower knows who leads once its latch node
 * exists and it has read the first node's id, as {@link LeaderLatch#getLeader()} would, but
 * without blocking a thread.
 */
final class CuratorParticipant implements Participant, LeaderLatchListener {

    private static final String NODE_PREFIX = "latch-";

    private final String name;
    private final String path;
    private final CuratorFramework client;
    private final LeaderLatch latch;
    private final Executor closer;
    private final CompletableFuture<Long> knowsLeader = new CompletableFuture<>();
    private final CompletableFuture<Long> leads = new CompletableFuture<>();
    private volatile boolean left;

    CuratorParticipant(String name, String path, CuratorFramework client, Executor closer) {
        this.name = name;
        this.path = path;
        this.client = client;
        this.closer = closer;
        this.latch = new LeaderLatch(client, path, name);
        latch.addListener(this);
    }

    void start() throws Exception {
        client.start();
        latch.start();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletableFuture<Long> knowsLeader() {
        return knowsLeader;
    }

    @Override
    public CompletableFuture<Long> leads() {
        return leads;
    }

    @Override
    public void isLeader() {
        long now = System.nanoTime();
        leads.complete(now);
        knowsLeader.complete(now);
    }

    @Override
    public void notLeader() {
        // Only after a lost connection; the benchmark's sessions do not lose theirs.
    }

    /** Closes the latch (its node is deleted in the background), then the client, off this thread. */
    @Override
    public void leave() {
        left = true;
        try {
            latch.close();
        } catch (IOException | IllegalStateException e) {
            fail("cannot close the latch: " + e);
        }
        closer.execute(client::close);
    }

    /** Closes the client only, as a process that ends would: its session ends and with it the node. */
    void closeClient() {
        left = true;
        closer.execute(client::close);
    }

    /** True while the latch has not created its node yet and the participant still needs it. */
    boolean waitingForNode() {
        return !left && !knowsLeader.isDone() && latch.getOurPath() == null;
    }

    /** True when the latch node exists and the participant does not know who leads yet. */
    boolean needsLeader() {
        return !left && !knowsLeader.isDone() && latch.getOurPath() != null;
    }

    /** Reads who leads: the latch node with the lowest sequence number, and its id. */
    void readLeader() {
        background(() -> client.getChildren().inBackground((c, event) -> onChildren(event)).forPath(path));
    }

    private void onChildren(CuratorEvent event) {
        if (event.getResultCode() != KeeperException.Code.OK.intValue()) {
            fail("cannot list " + path + ": " + KeeperException.Code.get(event.getResultCode()));
            return;
        }
        List<String> children = event.getChildren();
        String first = children.stream().min(Comparator.comparing(CuratorParticipant::sequence)).orElse(null);
        String ours = latch.getOurPath() == null ? null : ZKPaths.getNodeFromPath(latch.getOurPath());
        if (first == null || first.equals(ours)) {
            return; // This participant leads, and its latch will say so.
        }
        background(() -> client.getData().inBackground((c, data) -> onData(data)).forPath(ZKPaths.makePath(path, first)));
    }

    private void onData(CuratorEvent event) {
        if (event.getResultCode() == KeeperException.Code.OK.intValue()) {
            knowsLeader.complete(System.nanoTime());
        } else if (!left) {
            readLeader(); // The leader left meanwhile: read again.
        }
    }

    private static String sequence(String node) {
        return node.substring(node.lastIndexOf(NODE_PREFIX) + NODE_PREFIX.length());
    }

    private void background(BackgroundCall call) {
        try {
            call.run();
        } catch (Exception e) {
            fail("ZooKeeper call failed: " + e);
        }
    }

    private void fail(String why) {
        BenchFailure failure = new BenchFailure(name + ": " + why);
        knowsLeader.completeExceptionally(failure);
        leads.completeExceptionally(failure);
    }

    private interface BackgroundCall {
        void run() throws Exception;
    }
}

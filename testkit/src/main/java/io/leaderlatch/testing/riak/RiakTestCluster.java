package io.leaderlatch.testing.riak;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

/**
 * An in-process Riak cluster for tests: nodes that speak Riak's protocol buffers API (ping,
 * server info, get, put, delete) over one shared state, with the conditional-write rules of
 * Riak 3.2 strongly consistent bucket types. Real Riak cannot run in CI; this can.
 *
 * <h2>Rules</h2>
 * Bucket types {@code strong} (consistent) and {@code default} (not consistent) exist; add more
 * with {@link #createBucketType(String, boolean)}. A request naming another type fails with
 * {@code no_type}; a request without a type addresses {@code default}. In a consistent type:
 * <ul>
 *   <li>put without vclock (or with {@code if_none_match}) succeeds only if the key is absent,
 *       put with a vclock only if it is the current one; otherwise error {@code failed};</li>
 *   <li>delete with a vclock succeeds only if it is the current one, otherwise {@code failed}.
 *       Delete without a vclock (which the product never sends) is read like put without one,
 *       "I expect no value": {@code failed} if the key exists, success if it is absent;</li>
 *   <li>{@code if_not_modified} is ignored.</li>
 * </ul>
 * In other types put and delete always succeed; only {@code if_none_match} on an existing key
 * fails, with {@code match_found}, as in Riak. Every successful write issues a vclock never
 * issued before, by this cluster or another. A get of an absent key answers an empty
 * {@code RpbGetResp}. A put answers the new vclock and content only when asked to with
 * {@code return_head} or {@code return_body}, as Riak does. Nodes apply requests atomically,
 * one at a time across the cluster. Deletes leave no tombstone.
 *
 * <h2>What the official client sees</h2>
 * Measured with riak-client 2.1.1 on Netty 4.2 ({@code RiakCluster} with one execution attempt;
 * {@code RiakClient.execute(cmd)} and {@code executeAsync(cmd).get(timeout, unit)} alike):
 * <ul>
 *   <li>An error answer ({@code failed}, {@code no_type}, {@code timeout}, {@code unavailable},
 *       {@code match_found}): {@link java.util.concurrent.ExecutionException} whose cause is
 *       {@code com.basho.riak.client.core.netty.RiakResponseException} with {@code getMessage()}
 *       exactly the errmsg and {@code getCode()} 0. The ExecutionException's own message is
 *       the cause's {@code toString()} ({@code "com.basho...RiakResponseException: failed"}), so
 *       match on the cause.</li>
 *   <li>Not found is no error: {@code FetchValue.Response.isNotFound()} is true and
 *       {@code getVectorClock()} null.</li>
 *   <li>{@code StoreValue.Response.getVectorClock()} is the new vclock only with
 *       {@code StoreValue.Option.RETURN_HEAD} (or {@code RETURN_BODY}); otherwise null.
 *       {@code new StoreValue.Builder(binaryValue)} stores the JSON of the {@code BinaryValue}
 *       bean, not its bytes: store a {@code RiakObject} with {@code setValue(binaryValue)}.</li>
 *   <li>Connection closed while the request is in flight ({@link RiakTestNode#cutOff()},
 *       {@link RiakTestNode#dropConnections()}): ExecutionException caused by a plain
 *       {@code java.lang.Exception} with message {@code "Connection closed unexpectantly"}
 *       (sic). If the connection was already closed when the request was written: caused by
 *       {@code io.netty.channel.StacklessClosedChannelException}, message null. A request sent
 *       just after the server closed an idle pooled connection can fail either way too, though
 *       the server never read it: riak-client reuses the connection before it sees the close.
 *       The client cannot tell these apart, so a write failing so has an unknown outcome.</li>
 *   <li>After more than 5 closed connections within 3 s, more than 1 failed connection attempt
 *       or more than 5 error answers in a row, riak-client pings the node once a second on a new
 *       connection and takes it out of rotation while the ping fails. With no node left a request
 *       fails at once: ExecutionException caused by
 *       {@code com.basho.riak.client.core.NoNodesAvailableException}, message null. A cut-off
 *       node got there after about 1.5 s of requests, and was back about 1 s after
 *       {@link RiakTestNode#restore()}.</li>
 *   <li>riak-client has no request timeout of its own: {@code get(timeout, unit)} throws
 *       {@link java.util.concurrent.TimeoutException} (message null), and the request stays in
 *       flight, holding its connection, until an answer comes or the connection closes. The
 *       request's {@code timeout} option is for the server, and this server ignores it.</li>
 *   <li>{@code RiakClient.shutdown()} waits for every request in flight, and riak-client's ping
 *       health check waits for its answer without bound, on one of the cluster's two scheduler
 *       threads. A health check that meets a {@link RiakTestNode#stall() stalled} node blocks
 *       that thread for good: no more health checks, and shutdown never completes. Tests that
 *       stall a node call {@link RiakTestNode#dropConnections()} before closing the client.</li>
 * </ul>
 */
public final class RiakTestCluster implements AutoCloseable {

    /** How long real Riak's ensembles took to elect new leaders after a node of three was killed. */
    public static final Duration ENSEMBLE_ELECTION = Duration.ofSeconds(6);

    private final ClusterData data = new ClusterData();
    private final Ensembles ensembles;
    private final EventLoopGroup group;
    private final List<RiakTestNode> nodes;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RiakTestCluster(int nodeCount, String bindHost) {
        group = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("riak-test"), NioIoHandler.newFactory());
        ensembles = new Ensembles(nodeCount);
        try {
            nodes = IntStream.range(0, nodeCount).mapToObj(i -> new RiakTestNode(i, group, data, ensembles, bindHost)).toList();
        } catch (RuntimeException e) {
            var unused = group.shutdownGracefully(0, 0, TimeUnit.SECONDS); // the start-up failure is what matters
            throw e;
        }
    }

    /** Starts {@code nodes} nodes, each listening on 127.0.0.1 on a port the system chooses. */
    public static RiakTestCluster start(int nodes) {
        return start(nodes, "127.0.0.1");
    }

    /**
     * Starts {@code nodes} nodes listening on {@code bindHost} ({@code 0.0.0.0}: every address of
     * a test host it runs in), each on a port the system chooses.
     */
    public static RiakTestCluster start(int nodes, String bindHost) {
        if (nodes < 1) {
            throw new IllegalArgumentException("a cluster needs at least one node: " + nodes);
        }
        return new RiakTestCluster(nodes, bindHost);
    }

    /** The nodes' protocol buffers addresses, in node order. */
    public List<InetSocketAddress> endpoints() {
        return nodes.stream().map(RiakTestNode::address).toList();
    }

    /** The node at {@code index}, counting from 0. */
    public RiakTestNode node(int index) {
        return nodes.get(index);
    }

    public List<RiakTestNode> nodes() {
        return nodes;
    }

    /**
     * Adds a bucket type. Adding an existing one again with the same consistency does nothing;
     * with the other, it throws {@link IllegalStateException}, as Riak cannot change it either.
     */
    public void createBucketType(String name, boolean consistent) {
        data.createBucketType(name, consistent);
    }

    /** The value stored under the key, read directly from the state, bypassing every fault. */
    public Optional<byte[]> value(String bucketType, String bucket, String key) {
        return data.value(bucketType, bucket, key);
    }

    /** The keys present in the bucket, sorted. */
    public Set<String> keys(String bucketType, String bucket) {
        return data.keys(bucketType, bucket);
    }

    /**
     * Breaks the cluster on purpose: from now on every put and delete is applied whatever its
     * vclock or {@code if_none_match} says (blind writes), in every bucket type. Real Riak never
     * does this; tests switch it on to prove that a checker of one leader per group can fail.
     * Switch it on after the service instances started: their start-up check would refuse it.
     */
    public void ignoreConditionalWrites() {
        data.ignoreConditions(true);
    }

    /**
     * Breaks the cluster on purpose, another way: from now on every put and delete of a key that
     * starts with {@code keyPrefix} is answered as a success and not applied (a write that is
     * acknowledged and lost). Tests switch it on to prove that a checker of one leader per group
     * can fail.
     */
    public void acknowledgeWritesWithoutStoring(String keyPrefix) {
        if (keyPrefix.isEmpty()) {
            throw new IllegalArgumentException("a key prefix is needed");
        }
        data.acknowledgeWithoutStoring(keyPrefix);
    }

    /** Back to Riak's rules after {@link #ignoreConditionalWrites()} or {@link #acknowledgeWritesWithoutStoring}. */
    public void keepRiaksRules() {
        data.ignoreConditions(false);
        data.acknowledgeWithoutStoring("");
    }

    /** Drops every key; bucket types stay, and vclocks issued before are never issued again. */
    public void clear() {
        data.clear();
    }

    /**
     * Node {@code index} dies as a killed Riak node does: its connections close and it accepts no
     * more, and the keys whose ensemble it led answer {@code timeout} on every other node for
     * {@link #ENSEMBLE_ELECTION}, until their surviving peers have elected a new leader.
     */
    public void killNode(int index) {
        nodes.get(index).cutOff();
        ensembles.leaderLost(index, ENSEMBLE_ELECTION);
    }

    /**
     * No quorum anywhere, as with two nodes of three down: every key/value request on every node
     * is answered {@code timeout} at once, which is what real Riak answers then (not {@code
     * unavailable}, which means strong consistency is off).
     */
    public void loseQuorum() {
        nodes.forEach(RiakTestNode::answerTimeout);
    }

    public void cutOffAll() {
        nodes.forEach(RiakTestNode::cutOff);
    }

    public void answerUnavailableAll() {
        nodes.forEach(RiakTestNode::answerUnavailable);
    }

    public void restoreAll() {
        nodes.forEach(RiakTestNode::restore);
        ensembles.restore();
    }

    /** Stops every node and frees its port. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            nodes.forEach(RiakTestNode::close);
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }
}

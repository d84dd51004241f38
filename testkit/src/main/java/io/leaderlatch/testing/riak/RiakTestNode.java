package io.leaderlatch.testing.riak;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One node of a {@link RiakTestCluster}: a protocol buffers endpoint on 127.0.0.1 and the faults
 * a test can switch on for it. Faults last until {@link #restore()}; the last of
 * {@link #stall()}, {@link #answerTimeout()} and {@link #answerUnavailable()} called wins.
 *
 * <p>{@link #answerTimeout()} and {@link #answerUnavailable()} model a cluster below quorum:
 * they affect get, put and delete, while ping and server info are still answered, as a live
 * Riak node answers them without its ensemble. {@link #stall()} models a hung node and ignores
 * every request, ping included; requests it ignored stay unanswered after {@link #restore()}.
 */
public final class RiakTestNode {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final String name;
    private final NodeFaults faults = new NodeFaults();
    private final AtomicInteger answered = new AtomicInteger();
    private final ChannelGroup connections;
    private final Channel listener;
    private final InetSocketAddress address;

    RiakTestNode(int index, EventLoopGroup group, ClusterData data, Ensembles ensembles, String bindHost) {
        this.name = "riak" + index + "@127.0.0.1";
        this.connections = new DefaultChannelGroup(name, GlobalEventExecutor.INSTANCE);
        NodeHandler handler = new NodeHandler(faults, ensembles, new RequestProcessor(data, name), connections, answered);
        this.listener = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new NodeChannelInitializer(handler))
                .bind(new InetSocketAddress(bindHost, 0))
                .syncUninterruptibly()
                .channel();
        this.address = (InetSocketAddress) listener.localAddress();
    }

    public InetSocketAddress address() {
        return address;
    }

    /** The node name server info reports, e.g. {@code riak0@127.0.0.1}. */
    public String name() {
        return name;
    }

    /**
     * Requests this node has answered so far, with a result or an error (ping and server info
     * included, so riak-client's health checks count); stalled requests do not count.
     */
    public int requestCount() {
        return answered.get();
    }

    /**
     * Makes the node unreachable: closes its open connections at once, and every new connection
     * right after accepting it. The port stays bound, so the address stays valid.
     */
    public void cutOff() {
        faults.cutOff();
        closeConnections();
    }

    /** Undoes every fault: cut-off, stall, error answers, pending timeouts, latency. */
    public void restore() {
        faults.restore();
    }

    /** Accepts and reads requests but never answers or applies them. */
    public void stall() {
        faults.stall();
    }

    /** Answers every get, put and delete with error {@code timeout} without applying it. */
    public void answerTimeout() {
        faults.answerTimeout();
    }

    /** Answers every get, put and delete with error {@code unavailable} without applying it. */
    public void answerUnavailable() {
        faults.answerUnavailable();
    }

    /**
     * The next {@code writes} puts and deletes are applied as usual (if their condition holds),
     * then answered with error {@code timeout}: an outcome the client cannot know.
     */
    public void applyThenTimeout(int writes) {
        faults.applyThenTimeout(writes);
    }

    /** Sends every answer this much later; requests are applied at once. */
    public void latency(Duration delay) {
        faults.latency(RequestLatency.uniform(delay));
    }

    /** Sends answers later by kind of request; requests are applied at once. */
    public void latency(RequestLatency delays) {
        faults.latency(delays);
    }

    /** Closes every open connection once; new connections are accepted as usual. */
    public void dropConnections() {
        closeConnections();
    }

    void close() {
        listener.close().awaitUninterruptibly(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        closeConnections();
    }

    private void closeConnections() {
        connections.close().awaitUninterruptibly(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String toString() {
        return name + " at " + address;
    }
}

package io.leaderlatch.store.riak;

import com.basho.riak.client.api.RiakClient;
import com.basho.riak.client.api.RiakCommand;
import com.basho.riak.client.core.NoNodesAvailableException;
import com.basho.riak.client.core.RiakCluster;
import com.basho.riak.client.core.RiakFuture;
import com.basho.riak.client.core.RiakNode;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Sends riak-client commands without ever blocking the caller, and owns the client with every
 * thread it runs on.
 *
 * <p>At most {@code endpoints * max-connections} requests are outstanding; the others wait their
 * turn in a {@link RequestQueue}. Each returned future completes with the command's response or
 * exceptionally with what went wrong; a request that is not answered within the request timeout
 * of being sent completes with a {@link java.util.concurrent.TimeoutException}, and one that could
 * not be sent (queue full, waited a request timeout for a connection, store closed) with a
 * {@link NotSentException}. Futures may complete on the client's I/O threads.
 *
 * <p>An endpoint whose host name does not resolve is left out and tried again every
 * {@link #RESOLVE_RETRY_MILLIS} ms, then added once it resolves (DNS is often not ready when a
 * machine boots); while no endpoint resolves, every request fails unsent, naming them. riak-client
 * resolves a node's name again for each connection it opens, so a name that moves is followed.
 */
// Callbacks on a request's result (forget it, cancel its timeout) run on the result its caller
// holds and awaits; the re-resolve task and riak-client's shutdown are not awaited: the first
// catches its own failures, the second is stopped by stopping its threads (close).
@SuppressWarnings("FutureReturnValueIgnored")
final class RiakTransport implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RiakTransport.class);

    /** The command never reached Riak, so a write was certainly not applied. */
    static final class NotSentException extends Exception {
        NotSentException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The store was closed while the request was outstanding; a write may have been applied. */
    static final class ClosedException extends Exception {
        ClosedException() {
            super("store closed while the request was outstanding");
        }
    }

    // An idle connection is kept this long: instances renew their lease every few seconds, and a
    // fresh connection for each renewal would cost a TCP handshake on a path that has a deadline.
    private static final int IDLE_TIMEOUT_MILLIS = 60_000;
    private static final int MAX_SEND_THREADS = 64;
    private static final long SHUTDOWN_MILLIS = 2_000;
    static final long RESOLVE_RETRY_MILLIS = 2_000;
    private static final long RESOLVE_WARNING_EVERY_MILLIS = 60_000;

    private final long requestTimeoutMillis;
    private final EventLoopGroup ioThreads;
    private final ScheduledThreadPoolExecutor clientThreads;
    private final ExecutorService sendThreads;
    private final ScheduledThreadPoolExecutor timeouts;
    private final RiakCluster cluster;
    private final RiakClient client;
    private final RequestQueue queue;
    private final Set<CompletableFuture<?>> outstanding = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final RiakStoreOptions options;
    private final Predicate<String> resolves;
    /** Endpoints whose host name has not resolved yet; not in the cluster. */
    private final Set<InetSocketAddress> unresolved = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService resolver; // null when every endpoint resolved at once
    private volatile long lastResolveWarningNanos;

    RiakTransport(RiakStoreOptions options) {
        this(options, RiakTransport::resolves);
    }

    /** As {@link #RiakTransport(RiakStoreOptions)}, with {@code resolves} saying whether a host name resolves now. */
    RiakTransport(RiakStoreOptions options, Predicate<String> resolves) {
        this.options = options;
        this.resolves = resolves;
        requestTimeoutMillis = options.requestTimeout().toMillis();
        List<RiakNode> nodes = new ArrayList<>();
        for (InetSocketAddress endpoint : options.endpoints()) {
            if (resolves.test(endpoint.getHostString())) {
                nodes.add(node(endpoint, options));
            } else {
                unresolved.add(endpoint);
            }
        }
        int endpoints = options.endpoints().size();
        ioThreads = new MultiThreadIoEventLoopGroup(Math.min(endpoints, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory("riak-io", true), NioIoHandler.newFactory());
        // riak-client parks one thread in its retry loop for good, and each node's health check
        // waits on a thread for up to the request timeout: one thread per node keeps a stalled
        // node from delaying the others' health checks and idle reaping.
        clientThreads = new ScheduledThreadPoolExecutor(endpoints + 2, new DefaultThreadFactory("riak-client", true));
        // Sending may open a connection, and riak-client waits for the connect on the calling
        // thread; these threads do that waiting so that callers never do. More of them than
        // connections allowed would only wait for a connection that cannot be had.
        int connections = endpoints * Math.max(1, options.maxConnections());
        queue = new RequestQueue(connections, options.maxQueuedRequests(), options.requestTimeout().toNanos(),
                RiakTransport::refuse);
        int senders = Math.min(MAX_SEND_THREADS, connections);
        ThreadPoolExecutor senderPool = new ThreadPoolExecutor(senders, senders, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new DefaultThreadFactory("riak-send", true));
        senderPool.allowCoreThreadTimeOut(true);
        sendThreads = senderPool;
        timeouts = new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("riak-timeouts", true));
        timeouts.setRemoveOnCancelPolicy(true);
        cluster = new RiakCluster.Builder(nodes)
                // riak-client would otherwise retry every failed request, Riak's error replies
                // included, and a put that timed out may have been applied already.
                .withExecutionAttempts(1)
                .withBootstrap(new Bootstrap().group(ioThreads).channel(NioSocketChannel.class))
                .withExecutor(clientThreads)
                .build();
        cluster.start();
        client = new RiakClient(cluster);
        if (unresolved.isEmpty()) {
            resolver = null;
        } else {
            warnUnresolved();
            // Its own thread: a lookup may wait seconds for a DNS server, and must not hold up
            // request timeouts or health checks.
            resolver = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("riak-resolve", true));
            resolver.scheduleWithFixedDelay(this::resolveAgain, RESOLVE_RETRY_MILLIS, RESOLVE_RETRY_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Whether {@code host} resolves now. */
    private static boolean resolves(String host) {
        return !new InetSocketAddress(host, 0).isUnresolved();
    }

    private void resolveAgain() {
        for (InetSocketAddress endpoint : unresolved) {
            if (closed.get() || !resolves.test(endpoint.getHostString())) {
                continue;
            }
            try {
                // riak-client resolves the name again as it starts the node.
                cluster.addNode(node(endpoint, options));
                unresolved.remove(endpoint);
                log.info("the Riak endpoint {} resolves now; requests go to it too", Endpoints.format(endpoint));
            } catch (UnknownHostException | RuntimeException e) {
                log.debug("the Riak endpoint {} resolved, but riak-client could not add it", endpoint, e);
            }
        }
        if (unresolved.isEmpty()) {
            resolver.shutdown();
        } else if (System.nanoTime() - lastResolveWarningNanos >= TimeUnit.MILLISECONDS.toNanos(RESOLVE_WARNING_EVERY_MILLIS)) {
            warnUnresolved();
        }
    }

    private void warnUnresolved() {
        lastResolveWarningNanos = System.nanoTime();
        boolean none = unresolved.size() == options.endpoints().size();
        log.warn("cannot resolve the Riak endpoint(s) {}; trying again every {} ms{}", Endpoints.format(List.copyOf(unresolved)),
                RESOLVE_RETRY_MILLIS, none ? "; until one resolves the store is not ready" : "; the others serve meanwhile");
    }

    private static RiakNode node(InetSocketAddress endpoint, RiakStoreOptions options) {
        return new RiakNode.Builder()
                .withRemoteAddress(endpoint.getHostString())
                .withRemotePort(endpoint.getPort())
                .withConnectionTimeout(Math.toIntExact(options.connectTimeout().toMillis()))
                .withMaxConnections(options.maxConnections())
                // Building the store opens no connection; diagnose() is where reachability shows.
                .withMinConnections(0)
                .withIdleTimeout(IDLE_TIMEOUT_MILLIS)
                // With every connection busy, a request goes to the next node or fails at once
                // instead of parking a thread until a connection frees up; the RequestQueue keeps
                // requests from reaching riak-client while every connection is taken.
                .withBlockOnMaxConnections(false)
                .withHealthCheck(new BoundedPingHealthCheck(options.requestTimeout().toMillis()))
                .build();
    }

    /** Sends {@code command} from a thread of this transport, in turn, and completes with its response. */
    <T, S> CompletableFuture<T> execute(RiakCommand<T, S> command) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed.get()) {
            result.completeExceptionally(new NotSentException("store closed", null));
            return result;
        }
        outstanding.add(result);
        result.whenComplete((response, error) -> outstanding.remove(result));
        queue.submit(new RequestQueue.Request(result, request -> dispatch(command, result, request)));
        return result;
    }

    /** What the request queue reports, for metrics. */
    RequestQueueStats queueStats() {
        return queue;
    }

    private static void refuse(RequestQueue.Request request, RequestQueue.Refusal refusal) {
        String why = switch (refusal) {
            case FULL -> "too many Riak requests waiting for a connection (leader-latch.riak.max-queued-requests)";
            case EXPIRED -> "no Riak connection came free within the request timeout";
            case CLOSED -> "store closed";
        };
        request.fail(new NotSentException(why, null));
    }

    private <T, S> void dispatch(RiakCommand<T, S> command, CompletableFuture<T> result, RequestQueue.Request request) {
        // The request timeout counts from here: time spent waiting in the queue is bounded there.
        ScheduledFuture<?> timeout;
        try {
            timeout = timeouts.schedule(() -> result.completeExceptionally(new TimeoutException(
                    "no answer within " + requestTimeoutMillis + " ms")), requestTimeoutMillis, TimeUnit.MILLISECONDS);
            result.whenComplete((response, error) -> timeout.cancel(false));
            sendThreads.execute(() -> send(command, result, request, timeout));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new NotSentException("store closed", e));
        }
    }

    private <T, S> void send(RiakCommand<T, S> command, CompletableFuture<T> result, RequestQueue.Request request,
                             ScheduledFuture<?> timeout) {
        if (result.isDone()) {
            return; // timed out or closed while waiting for a thread
        }
        if (unresolved.size() == options.endpoints().size()) {
            result.completeExceptionally(new NotSentException("cannot resolve the Riak endpoint(s) "
                    + Endpoints.format(List.copyOf(unresolved)) + " (tried again every " + RESOLVE_RETRY_MILLIS + " ms)", null));
            return;
        }
        RiakFuture<T, S> future;
        try {
            future = client.executeAsync(command);
        } catch (RuntimeException e) {
            // riak-client refuses commands once its cluster is shutting down.
            result.completeExceptionally(new NotSentException(String.valueOf(e.getMessage()), e));
            return;
        }
        future.addListener(done -> {
            if (!done.isSuccess()) {
                // No connection although the queue had a slot: riak-client still holds one for a
                // request the queue gave up on. Wait for the next request to end, then try again.
                if (done.cause() instanceof NoNodesAvailableException && timeout.cancel(false)
                        && queue.requeueIfBusy(request)) {
                    return;
                }
                result.completeExceptionally(done.cause());
                return;
            }
            try {
                result.complete(done.getNow());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
    }

    /**
     * Answers every outstanding request with a {@link ClosedException} and stops the client.
     * Waits a little for connects under way and for the I/O threads to stop; requests still in
     * flight at Riak are abandoned.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        queue.close();
        sendThreads.shutdown();
        if (resolver != null) {
            resolver.shutdownNow();
        }
        for (CompletableFuture<?> request : outstanding) {
            request.completeExceptionally(new ClosedException());
        }
        try {
            // Refuses new commands. Its orderly shutdown would wait for requests that a stalled
            // node never answers, so the threads below are stopped directly.
            cluster.shutdown();
        } catch (IllegalStateException e) {
            // already shutting down
        }
        try {
            // Queued sends see their request answered and skip it; a connect under way ends
            // within the connect timeout, and interrupting it would only log riak-client errors.
            sendThreads.awaitTermination(SHUTDOWN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clientThreads.shutdownNow();
        timeouts.shutdownNow();
        ioThreads.shutdownGracefully(0, SHUTDOWN_MILLIS, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(SHUTDOWN_MILLIS + 500, TimeUnit.MILLISECONDS);
    }
}

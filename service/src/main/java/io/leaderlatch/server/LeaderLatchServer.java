package io.leaderlatch.server;

import io.leaderlatch.config.Cidr;
import io.leaderlatch.config.ListenerSpec;
import io.leaderlatch.config.RiakConf;
import io.leaderlatch.config.Settings;
import io.leaderlatch.election.CoordinatorOptions;
import io.leaderlatch.election.ElectionCoordinator;
import io.leaderlatch.election.HintTransport;
import io.leaderlatch.hints.HintSocket;
import io.leaderlatch.metrics.MeterRegistries;
import io.leaderlatch.metrics.PrometheusEndpoint;
import io.leaderlatch.net.HostAndPort;
import io.leaderlatch.store.ElectionStore;
import io.leaderlatch.store.riak.RiakStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One running service instance: every listener of riak.conf, one election coordinator they
 * share, the store and the meters. Started by {@link #start}, stopped in reverse order by
 * {@link #stop}. While it serves, an {@link InstanceMXBean} describes it over JMX.
 */
public final class LeaderLatchServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaderLatchServer.class);

    private enum State { RUNNING, STOPPING, STOPPED }

    private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
    private final Settings settings;
    private final ElectionStore store;
    private final ElectionCoordinator coordinator;
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final ChannelGroup connections = new DefaultChannelGroup("clients", GlobalEventExecutor.INSTANCE);
    private final Map<String, Channel> listeners = new LinkedHashMap<>();
    /** {@code name=host:port} of each bound listener, for {@link InstanceMXBean#getListeners}. */
    private final List<String> boundAddresses = new ArrayList<>();
    private final HintSocket hints; // null when leader-latch.election.hints.enabled is false
    private volatile PrometheusEndpoint prometheus; // null unless leader-latch.metrics.prometheus.enabled
    private InstanceRegistration registration;

    private LeaderLatchServer(Settings settings, ElectionStore store, ElectionCoordinator coordinator,
                              HintSocket hints, Transport transport) {
        this.settings = settings;
        this.hints = hints;
        this.store = store;
        this.coordinator = coordinator;
        this.acceptors = transport.newGroup("leader-latch-accept", 1);
        this.workers = transport.newGroup("leader-latch-io", settings.server().ioThreads());
    }

    /**
     * Starts listening on every {@code listener.leader_latch.*} of {@code riakConf}, as a stack of
     * steps: the hint socket, then every listener (bound, not yet accepting), then the coordinator
     * with its instance record, then accepting. A port that cannot be bound therefore stops
     * start-up before anything is written to the store. On any failure every step taken is undone
     * in reverse order, the store closed, and the exception rethrown: a {@link StartupException}
     * names what could not be started.
     */
    public static LeaderLatchServer start(RiakConf riakConf, Settings settings, ElectionStore unmetered,
                                          MeterRegistry registry) {
        StartedResources started = new StartedResources();
        started.started("the store", unmetered::close);
        try {
            return start(riakConf, settings, unmetered, registry, started);
        } catch (RuntimeException | Error e) {
            started.undoAll(e);
            throw e;
        }
    }

    private static LeaderLatchServer start(RiakConf riakConf, Settings settings, ElectionStore unmetered,
                                           MeterRegistry registry, StartedResources started) {
        ServiceMetrics metrics = new ServiceMetrics(registry);
        if (unmetered instanceof RiakStore riak) {
            metrics.bindRiakQueue(riak.requestQueue());
        }
        ElectionStore store = new MeteredStore(unmetered, registry);
        Settings.Election election = settings.election();
        CoordinatorOptions options = new CoordinatorOptions(InstanceIds.create(riakConf.nodename()),
                election.conflictRetries(), election.retryBackoff(), election.retryBackoffMax(), election.lease(),
                election.renewInterval(), election.fenceMargin(), election.pollInterval(),
                election.effectiveSharedPollInterval());
        // Bound first: its address goes into the instance record the coordinator writes at start.
        HintSocket hints = election.hints().enabled() ? openHints(election.hints(), metrics) : null;
        if (hints != null) {
            started.started("the hint socket", hints::close);
        }
        ElectionCoordinator coordinator = new ElectionCoordinator(store, options, metrics,
                hints != null ? hints : HintTransport.NONE);
        started.started("the coordinator", coordinator::close);
        Transport transport = Transport.choose(settings.server().nativeTransport());
        LeaderLatchServer server = new LeaderLatchServer(settings, store, coordinator, hints, transport);
        started.started("the event loops", server::shutdownEventLoops);
        server.prometheus = openPrometheus(settings.metrics().prometheus(), registry);
        if (server.prometheus != null) {
            started.started("the Prometheus endpoint", server.prometheus::close);
        }
        for (ListenerSpec spec : riakConf.leaderLatchListeners()) {
            metrics.registerListener(spec.name());
            Channel channel = server.bind(spec, transport, metrics);
            started.started("listener " + spec.name(), () -> channel.close().syncUninterruptibly());
        }
        if (hints != null) {
            hints.startReceiving(coordinator::hinted);
        }
        metrics.bindCoordinator(coordinator);
        started.started("the instance record", () -> coordinator.deregister()
                .get(settings.server().shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS));
        awaitFirstLease(coordinator, settings.riak().requestTimeout().multipliedBy(3));
        server.registration = InstanceRegistration.register(settings.metrics().jmxDomain(),
                new InstanceInfo(coordinator, server.boundAddresses, settings.store().type(), store.describe(),
                        settings.metrics().jmxEnabled(), registry));
        // Clients that connected meanwhile waited in the listen backlog; they are accepted now.
        server.listeners.values().forEach(channel -> channel.config().setAutoRead(true));
        log.info("instance {} serving {} listener(s) over {} with store {}", options.instanceId(),
                server.listeners.size(), transport.name(), store.describe());
        return server;
    }

    /**
     * The scrape endpoint of {@code leader-latch.metrics.prometheus}, or null when it is off. It
     * serves the Prometheus registry that {@code registry} is or records into.
     */
    private static HintSocket openHints(Settings.Hints settings, HintSocket.Meters meters) {
        try {
            return HintSocket.open(settings, meters);
        } catch (IOException e) {
            throw new StartupException("leader-latch.election.hints.bind = " + settings.bind()
                    + ": cannot bind the UDP socket: " + e.getMessage(), e);
        }
    }

    private static PrometheusEndpoint openPrometheus(Settings.Prometheus settings, MeterRegistry registry) {
        if (!settings.enabled()) {
            return null;
        }
        PrometheusEndpoint endpoint;
        try {
            endpoint = PrometheusEndpoint.open(settings.bind().resolve(),
                    MeterRegistries.prometheus(registry).orElseThrow(() -> new IllegalArgumentException(
                            "leader-latch.metrics.prometheus is enabled, but the meter registry has no Prometheus registry")));
        } catch (IOException e) {
            throw new StartupException("leader-latch.metrics.prometheus.bind = " + settings.bind()
                    + ": cannot listen: " + e.getMessage(), e);
        }
        log.info("Prometheus scrape endpoint at http://{}/metrics",
                new HostAndPort(settings.host(), endpoint.address().getPort()));
        return endpoint;
    }

    /**
     * Registers the instance before the listeners accept, so a healthy store never sees a JOIN
     * refused at start-up. A store that is not ready does not stop start-up: the coordinator logs
     * why, the service answers JOIN_FAILED SERVICE_UNAVAILABLE and keeps checking, since Riak nodes
     * often come up after the services beside them and reach quorum a little later still.
     */
    private static void awaitFirstLease(ElectionCoordinator coordinator, Duration patience) {
        try {
            coordinator.start().get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.warn("instance not registered in the store within {} ms; opening the listeners anyway", patience.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Binds a listener that does not accept yet: start-up turns accepting on once the instance is registered. */
    private Channel bind(ListenerSpec spec, Transport transport, ServiceMetrics metrics) {
        Settings.Limits limits = settings.limits();
        Settings.Keepalive keepalive = settings.server().keepalive();
        ConnectionGate gate = new ConnectionGate(spec.name(), allowedNetworks(spec.name()),
                limits.maxConnectionsPerListener(), limits.maxConnectionsPerAddress());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptors, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // A client that stops reading its replies stops being read (ClientSession).
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(8 * 1024, 32 * 1024))
                // One read of at most 8 KiB per connection per turn of its event loop: a client that
                // streams lines gets its turn, then the other connections on that loop get theirs.
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(64, 1024, 8 * 1024)
                        .maxMessagesPerRead(1))
                .childHandler(new SessionInitializer(spec.name(), coordinator, metrics, connections, gate,
                        limits.joinTimeout(), channel -> transport.spreadKeepalive(channel, keepalive)));
        transport.keepalive(bootstrap, keepalive);
        Channel channel;
        try {
            channel = bootstrap.bind(spec.address()).syncUninterruptibly().channel();
        } catch (Exception e) {
            throw new StartupException("listener.leader_latch." + spec.name() + " = " + spec.hostAndPort()
                    + " (" + spec.origin() + "): cannot listen: " + e.getMessage(), e);
        }
        listeners.put(spec.name(), channel);
        int port = ((InetSocketAddress) channel.localAddress()).getPort();
        boundAddresses.add(spec.name() + "=" + new HostAndPort(spec.host(), port));
        log.info("listener {} on {}", spec.name(), channel.localAddress());
        return channel;
    }

    private List<Cidr> allowedNetworks(String listener) {
        return settings.limits().allow().stream().filter(allow -> allow.listener().equals(listener))
                .flatMap(allow -> allow.networks().stream()).toList();
    }

    /** The address a listener is bound to; with port 0 in its spec, the port the system chose. */
    public InetSocketAddress address(String listener) {
        Channel channel = listeners.get(listener);
        if (channel == null) {
            throw new IllegalArgumentException("no listener named " + listener);
        }
        return (InetSocketAddress) channel.localAddress();
    }

    /** Where the Prometheus scrape endpoint listens, with the port actually bound; empty when it is off. */
    public Optional<InetSocketAddress> prometheusAddress() {
        return Optional.ofNullable(prometheus).map(PrometheusEndpoint::address);
    }

    public ElectionCoordinator coordinator() {
        return coordinator;
    }

    public String instanceId() {
        return coordinator.instanceId();
    }

    /**
     * Stops cleanly: stop accepting, close every client connection, let their departures reach the
     * store (up to {@code leader-latch.server.shutdown-timeout}), then release the coordinator, the
     * store and the threads. Safe to call more than once.
     */
    public void stop() {
        if (!state.compareAndSet(State.RUNNING, State.STOPPING)) {
            return;
        }
        // First, so that status stops reporting a serving instance as soon as it starts to go.
        if (registration != null) {
            registration.close();
        }
        long timeoutMillis = settings.server().shutdownTimeout().toMillis();
        listeners.values().forEach(channel -> channel.close().syncUninterruptibly());
        int open = connections.size();
        connections.close().awaitUninterruptibly(timeoutMillis);
        drainEventLoops(timeoutMillis);
        try {
            coordinator.whenIdle().get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("departures not all written within {} ms; other instances will expire them", timeoutMillis);
        } catch (Exception e) {
            log.warn("while waiting for departures to be written", e);
        }
        try {
            coordinator.deregister().get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("instance record not deleted; other instances will expire it after a lease", e);
        }
        coordinator.close();
        if (hints != null) {
            hints.close();
        }
        store.close();
        if (prometheus != null) {
            prometheus.close();
        }
        shutdownEventLoops();
        state.set(State.STOPPED);
        log.info("stopped; closed {} client connection(s)", open);
    }

    private void shutdownEventLoops() {
        long timeoutMillis = settings.server().shutdownTimeout().toMillis();
        acceptors.shutdownGracefully(0, timeoutMillis, TimeUnit.MILLISECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, timeoutMillis, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    /**
     * Closing a channel fires its "inactive" event a little later on its event loop; running one
     * task on each loop afterwards makes sure every closed session has told the coordinator.
     */
    private void drainEventLoops(long timeoutMillis) {
        for (EventExecutor loop : workers) {
            loop.submit(() -> { }).awaitUninterruptibly(timeoutMillis);
        }
    }

    @Override
    public void close() {
        stop();
    }
}

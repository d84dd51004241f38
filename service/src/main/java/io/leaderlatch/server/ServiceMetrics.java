package io.leaderlatch.server;

import io.leaderlatch.election.ElectionCoordinator;
import io.leaderlatch.election.ElectionObserver;
import io.leaderlatch.hints.HintSocket;
import io.leaderlatch.metrics.MeterNames;
import io.leaderlatch.protocol.ConfirmationResult;
import io.leaderlatch.protocol.InvalidLine;
import io.leaderlatch.protocol.JoinResult;
import io.leaderlatch.protocol.SessionObserver;
import io.leaderlatch.store.riak.RequestQueueStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Turns what sessions and the coordinator report into the meters of {@link MeterNames}. */
final class ServiceMetrics implements SessionObserver, ElectionObserver, HintSocket.Meters {

    /** The meters of one listener, registered when the listener is bound. */
    private record ListenerMeters(AtomicInteger open, Counter accepted, Map<JoinResult, Counter> joins,
                                  Map<ConfirmationResult, Counter> confirmations,
                                  Map<InvalidLine, Counter> invalidLines,
                                  Map<ConnectionGate.Refusal, Counter> refused, Counter joinTimeouts,
                                  Counter confirmationTimeouts) {
    }

    private final MeterRegistry registry;
    private final Map<String, ListenerMeters> listeners = new ConcurrentHashMap<>();
    private final Counter leaderChanges;
    private final Counter storeUnavailable;
    private final Timer failover;
    private final Counter fenced;
    private final Counter declaredDead;
    private final Counter hintsSent;
    private final Counter hintsReceived;
    private final Map<HintSocket.DropReason, Counter> hintsDropped = new EnumMap<>(HintSocket.DropReason.class);

    ServiceMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.leaderChanges = Counter.builder(MeterNames.LEADER_CHANGES)
                .description("leader changes in groups with members on this instance").register(registry);
        this.storeUnavailable = Counter.builder(MeterNames.STORE_UNAVAILABLE)
                .description("group changes the store could not take").register(registry);
        // No publishPercentiles: the JMX timer MBean has percentiles of its own (and Prometheus its
        // buckets); a second set computed beside them showed operators a second, different median.
        this.failover = Timer.builder(MeterNames.FAILOVER)
                .description("from a leader's disconnect to its successor being told")
                .register(registry);
        this.fenced = Counter.builder(MeterNames.FENCED)
                .description("times this instance lost its lease and closed its clients").register(registry);
        this.declaredDead = Counter.builder(MeterNames.INSTANCES_DECLARED_DEAD)
                .description("other instances declared dead").register(registry);
        this.hintsSent = Counter.builder(MeterNames.HINTS_SENT)
                .description("change hints sent to other instances").register(registry);
        this.hintsReceived = Counter.builder(MeterNames.HINTS_RECEIVED)
                .description("datagrams that arrived on the hint socket").register(registry);
        for (HintSocket.DropReason reason : HintSocket.DropReason.values()) {
            hintsDropped.put(reason, Counter.builder(MeterNames.HINTS_DROPPED)
                    .tag(MeterNames.TAG_REASON, reason.name().toLowerCase(Locale.ROOT))
                    .description("change hints dropped, by reason").register(registry));
        }
    }

    void registerListener(String listener) {
        AtomicInteger open = new AtomicInteger();
        Gauge.builder(MeterNames.CONNECTIONS_OPEN, open, AtomicInteger::get)
                .tag(MeterNames.TAG_LISTENER, listener)
                .description("open client connections").register(registry);
        Counter accepted = Counter.builder(MeterNames.CONNECTIONS_ACCEPTED)
                .tag(MeterNames.TAG_LISTENER, listener)
                .description("client connections accepted").register(registry);
        Map<JoinResult, Counter> joins = new EnumMap<>(JoinResult.class);
        for (JoinResult result : JoinResult.values()) {
            joins.put(result, Counter.builder(MeterNames.JOINS)
                    .tag(MeterNames.TAG_LISTENER, listener)
                    .tag(MeterNames.TAG_RESULT, result.name().toLowerCase(Locale.ROOT))
                    .description("JOIN lines, by result; confirmations and bad lines not included")
                    .register(registry));
        }
        Map<ConfirmationResult, Counter> confirmations = new EnumMap<>(ConfirmationResult.class);
        for (ConfirmationResult result : ConfirmationResult.values()) {
            confirmations.put(result, Counter.builder(MeterNames.CONFIRMATIONS)
                    .tag(MeterNames.TAG_LISTENER, listener)
                    .tag(MeterNames.TAG_RESULT, result.name().toLowerCase(Locale.ROOT))
                    .description("members' JOINs of their own membership again, by result").register(registry));
        }
        Map<InvalidLine, Counter> invalidLines = new EnumMap<>(InvalidLine.class);
        for (InvalidLine reason : InvalidLine.values()) {
            invalidLines.put(reason, Counter.builder(MeterNames.LINES_INVALID)
                    .tag(MeterNames.TAG_LISTENER, listener)
                    .tag(MeterNames.TAG_REASON, reason.name().toLowerCase(Locale.ROOT))
                    .description("lines answered ERROR, by reason").register(registry));
        }
        Map<ConnectionGate.Refusal, Counter> refused = new EnumMap<>(ConnectionGate.Refusal.class);
        for (ConnectionGate.Refusal reason : ConnectionGate.Refusal.values()) {
            refused.put(reason, Counter.builder(MeterNames.CONNECTIONS_REFUSED)
                    .tag(MeterNames.TAG_LISTENER, listener)
                    .tag(MeterNames.TAG_REASON, reason.name().toLowerCase(Locale.ROOT))
                    .description("connections closed as soon as they were accepted, by reason").register(registry));
        }
        Counter joinTimeouts = Counter.builder(MeterNames.JOIN_TIMEOUTS)
                .tag(MeterNames.TAG_LISTENER, listener)
                .description("connections closed for sending no JOIN in time").register(registry);
        Counter confirmationTimeouts = Counter.builder(MeterNames.CONFIRMATION_TIMEOUTS)
                .tag(MeterNames.TAG_LISTENER, listener)
                .description("members dropped for no longer confirming").register(registry);
        listeners.put(listener, new ListenerMeters(open, accepted, joins, confirmations, invalidLines, refused,
                joinTimeouts, confirmationTimeouts));
    }

    void bindCoordinator(ElectionCoordinator coordinator) {
        Gauge.builder(MeterNames.GROUPS, coordinator, ElectionCoordinator::localGroupCount)
                .description("groups with members on this instance").register(registry);
        Gauge.builder(MeterNames.MEMBERS, coordinator, ElectionCoordinator::localMemberCount)
                .description("members connected to this instance").register(registry);
        Gauge.builder(MeterNames.LEASE_HELD, coordinator, c -> c.holdsLease() ? 1 : 0)
                .description("1 while this instance holds its lease and answers joins").register(registry);
        Gauge.builder(MeterNames.INSTANCES_LIVE, coordinator,
                        c -> (c.holdsLease() ? 1 : 0) + c.otherInstanceCount())
                .description("live instances known here, this one included while it holds its lease")
                .register(registry);
    }

    /** The Riak store's request queue: how many wait, how many are out, how many were refused. */
    void bindRiakQueue(RequestQueueStats queue) {
        Gauge.builder(MeterNames.RIAK_REQUESTS_WAITING, queue, RequestQueueStats::waiting)
                .description("Riak requests waiting for a free connection").register(registry);
        Gauge.builder(MeterNames.RIAK_REQUESTS_OUTSTANDING, queue, RequestQueueStats::inFlight)
                .description("Riak requests sent and not yet answered").register(registry);
        FunctionCounter.builder(MeterNames.RIAK_REQUESTS_REFUSED, queue, RequestQueueStats::refusedFull)
                .tag(MeterNames.TAG_REASON, "queue_full")
                .description("Riak requests refused unsent, by reason").register(registry);
        FunctionCounter.builder(MeterNames.RIAK_REQUESTS_REFUSED, queue, RequestQueueStats::refusedExpired)
                .tag(MeterNames.TAG_REASON, "waited_too_long")
                .description("Riak requests refused unsent, by reason").register(registry);
    }

    @Override
    public void connectionOpened(String listener) {
        ListenerMeters meters = listeners.get(listener);
        meters.open().incrementAndGet();
        meters.accepted().increment();
    }

    @Override
    public void connectionClosed(String listener) {
        listeners.get(listener).open().decrementAndGet();
    }

    @Override
    public void answered(String listener, JoinResult result) {
        listeners.get(listener).joins().get(result).increment();
    }

    @Override
    public void confirmation(String listener, ConfirmationResult result) {
        listeners.get(listener).confirmations().get(result).increment();
    }

    @Override
    public void invalidLine(String listener, InvalidLine reason) {
        listeners.get(listener).invalidLines().get(reason).increment();
    }

    void refused(String listener, ConnectionGate.Refusal reason) {
        listeners.get(listener).refused().get(reason).increment();
    }

    @Override
    public void joinTimedOut(String listener) {
        listeners.get(listener).joinTimeouts().increment();
    }

    @Override
    public void confirmationTimedOut(String listener) {
        listeners.get(listener).confirmationTimeouts().increment();
    }

    @Override
    public void leaderChanged() {
        leaderChanges.increment();
    }

    @Override
    public void failoverCompleted(Duration elapsed) {
        failover.record(elapsed);
    }

    @Override
    public void storeUnavailable() {
        storeUnavailable.increment();
    }

    @Override
    public void fenced() {
        fenced.increment();
    }

    @Override
    public void instanceDeclaredDead() {
        declaredDead.increment();
    }

    @Override
    public void hintSent() {
        hintsSent.increment();
    }

    @Override
    public void hintReceived() {
        hintsReceived.increment();
    }

    @Override
    public void hintDropped(HintSocket.DropReason reason) {
        hintsDropped.get(reason).increment();
    }
}

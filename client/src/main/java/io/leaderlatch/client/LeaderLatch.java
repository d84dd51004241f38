package io.leaderlatch.client;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A member of one election group under one client name, kept connected to the leader election
 * service over plain TCP, with nothing but the JDK.
 *
 * <p>The latch counts itself leader only while the service has recently confirmed it: after
 * {@code LEADER <self>} it re-sends its JOIN every quarter of the confirmation window, and each
 * answer ({@code ALREADY_JOINED}) keeps it leader until the window has passed since that JOIN was
 * sent. A dropped connection, a silent service or another leader ends the leadership at once;
 * the latch then reconnects, trying the endpoints in turn with a growing pause, until closed.
 *
 * <p>Thread-safe. It runs one daemon connection thread, and calls its listener one call at a time,
 * in order, on a daemon event thread of its own or on the executor given to the builder.
 */
public final class LeaderLatch implements AutoCloseable {

    private enum Lifecycle { LATENT, STARTED, CLOSED }

    private final LatchOptions options;
    private final Leadership leadership;
    private final CallbackDispatcher callbacks;
    private final SocketSlot slot = new SocketSlot();
    private final AtomicReference<Lifecycle> lifecycle = new AtomicReference<>(Lifecycle.LATENT);

    private LeaderLatch(LatchOptions options, LeaderLatchListener listener, Executor executor) {
        this.options = options;
        this.callbacks = executor == null
                ? CallbackDispatcher.onOwnThread("leader-latch-events " + options.member())
                : CallbackDispatcher.on(executor);
        this.leadership = new Leadership(options.client(), options.confirmationWindow(), listener, callbacks);
    }

    /** A builder for the member {@code clientName} of {@code group}; both are 1 to 256 printable ASCII characters without spaces. */
    public static Builder builder(String group, String clientName) {
        return new Builder(Names.check("group", group), Names.check("client name", clientName));
    }

    /** Connects and joins in the background; call once. */
    public void start() {
        if (!lifecycle.compareAndSet(Lifecycle.LATENT, Lifecycle.STARTED)) {
            throw new IllegalStateException("the latch for " + options.member() + " is " + lifecycle.get().name().toLowerCase()
                    + "; start() may be called once, before close()");
        }
        Thread thread = new Thread(new MemberLoop(options, leadership, slot), "leader-latch-connection " + options.member());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Leaves the group: closes the connection before returning, so the service hands leadership
     * on. Listeners hear {@code leadershipLost} if this member led. Calling it again does nothing.
     */
    @Override
    public void close() {
        if (lifecycle.getAndSet(Lifecycle.CLOSED) == Lifecycle.CLOSED) {
            return;
        }
        slot.close();
        leadership.close();
        callbacks.shutdownAfterQueued();
    }

    /** True while the service has named this member leader and confirmed it within the window. */
    public boolean isLeader() {
        return leadership.isLeader();
    }

    /**
     * The term of this member's leadership while it leads: grows with every change of the group's
     * leader and is never reused, so a resource can refuse writes carrying an older one
     * (docs/client.md). Empty while not leading, or from a service too old to tell terms.
     */
    public OptionalLong term() {
        return leadership.term();
    }

    /** The leader the service last named on the current connection; empty while not connected. */
    public Optional<String> currentLeader() {
        return leadership.leader();
    }

    /** Waits until this member leads; false if {@code timeout} passes or the latch is closed first. */
    public boolean awaitLeadership(Duration timeout) throws InterruptedException {
        return leadership.awaitLeadership(Objects.requireNonNull(timeout, "timeout"));
    }

    @Override
    public String toString() {
        return "LeaderLatch[" + options.member() + ", " + lifecycle.get().name().toLowerCase()
                + (isLeader() ? ", leader" : "") + "]";
    }

    /** Settings of one latch; only {@link #endpoints} must be given. */
    public static final class Builder {

        private final String group;
        private final String client;
        private List<InetSocketAddress> endpoints = List.of();
        private LeaderLatchListener listener = new LeaderLatchListener() { };
        private Executor executor;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration backoffMin = Duration.ofMillis(100);
        private Duration backoffMax = Duration.ofSeconds(5);
        private Duration confirmationWindow = Duration.ofSeconds(2);

        private Builder(String group, String client) {
            this.group = group;
            this.client = client;
        }

        /** The service endpoints, tried in this order and then round again. */
        public Builder endpoints(List<InetSocketAddress> endpoints) {
            this.endpoints = List.copyOf(endpoints);
            return this;
        }

        /** The same as a list such as {@code h1:5323,h2:5323,[::1]:5323}. */
        public Builder endpoints(String commaSeparatedHostPorts) {
            this.endpoints = HostPorts.parse(commaSeparatedHostPorts);
            return this;
        }

        /** Told of leadership gained and lost and of leader changes; none by default. */
        public Builder listener(LeaderLatchListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Where listener calls run (still one at a time, in order) instead of the latch's own event thread. */
        public Builder callbackExecutor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** How long one connection attempt may take; default 2 s. */
        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        /** The pause between connection attempts, doubling from {@code min} to {@code max}; default 100 ms to 5 s. */
        public Builder reconnectBackoff(Duration min, Duration max) {
            this.backoffMin = min;
            this.backoffMax = max;
            return this;
        }

        /**
         * How long one confirmation keeps this member leader, counted from when it was sent;
         * default 2 s. Must not exceed the service's {@code election.fence-margin}.
         */
        public Builder confirmationWindow(Duration window) {
            this.confirmationWindow = window;
            return this;
        }

        /** The latch, not started; IllegalStateException without endpoints, IllegalArgumentException for bad durations. */
        public LeaderLatch build() {
            LatchOptions options = new LatchOptions(group, client, endpoints, connectTimeout, backoffMin, backoffMax,
                    confirmationWindow);
            return new LeaderLatch(options, listener, executor);
        }
    }
}

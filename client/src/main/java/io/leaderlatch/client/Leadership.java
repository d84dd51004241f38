package io.leaderlatch.client;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What one member knows about its group, and the rule of lease-confirmed leadership: the member
 * leads only after {@code LEADER <self>} and a confirmation sent after it, and only until the send
 * time of its latest answered confirmation plus the window. Every change is decided here, under
 * one lock, and listeners are told of real changes only, in order.
 *
 * <p>Times are {@link System#nanoTime()} values, passed in so that the reader thread's one clock
 * reading serves each line.
 */
final class Leadership {

    private static final System.Logger LOG = System.getLogger(LeaderLatch.class.getName());

    private final String self;
    private final Duration configuredWindow;
    /** The configured window, or the service's fence margin if that is shorter. */
    private long windowNanos;
    private final LeaderLatchListener listener;
    private final CallbackDispatcher callbacks;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    private Optional<String> leader = Optional.empty();
    /** The term the service gave with the leader's name; empty from a service too old for terms. */
    private OptionalLong term = OptionalLong.empty();
    private boolean warnedOfWindow;
    private boolean named;
    private long namedAt;
    private boolean confirmed;
    private long confirmedUntil;
    private boolean told;
    private boolean closed;

    Leadership(String self, Duration window, LeaderLatchListener listener, CallbackDispatcher callbacks) {
        this.self = self;
        this.configuredWindow = window;
        this.windowNanos = window.toNanos();
        this.listener = listener;
        this.callbacks = callbacks;
    }

    /**
     * The service said how long its confirmations vouch at most: a confirmation window longer than
     * that would let this member believe it leads after another was told it does, so the window
     * used is never longer.
     */
    void serviceFenceMargin(Duration margin) {
        update(() -> {
            long used = Math.min(configuredWindow.toNanos(), margin.toNanos());
            if (used < configuredWindow.toNanos() && !warnedOfWindow) {
                warnedOfWindow = true;
                LOG.log(System.Logger.Level.WARNING, () -> "confirmation window " + configuredWindow.toMillis()
                        + " ms is longer than the service's fence margin " + margin.toMillis() + " ms; "
                        + self + " counts a confirmation for " + margin.toMillis() + " ms only");
            }
            windowNanos = used;
        });
    }

    /** The service named {@code name} leader (in {@code term}, if it tells terms), in answer to the JOIN or in a push. */
    void leaderIs(String name, OptionalLong term, long now) {
        update(() -> {
            boolean isSelf = name.equals(self);
            if (!isSelf) {
                named = false;
                confirmed = false;
            } else if (!named) {
                named = true;
                namedAt = now;
                confirmed = false;
            }
            boolean changed = !leader.equals(Optional.of(name)) || !this.term.equals(term);
            leader = Optional.of(name);
            this.term = term;
            settle(now);
            if (changed) {
                Optional<String> current = leader;
                callbacks.enqueue(() -> listener.leaderChanged(current, term));
            }
        });
    }

    /**
     * A confirming JOIN sent at {@code sentAt} was answered: the service held its lease after that
     * moment, so nobody else can lead before {@code sentAt} plus the service's fence margin.
     */
    void confirmedAt(long sentAt, long now) {
        update(() -> {
            // Only a confirmation sent after this member was named vouches for its leadership.
            if (named && sentAt - namedAt >= 0) {
                long until = sentAt + windowNanos;
                if (!confirmed || until - confirmedUntil > 0) {
                    confirmedUntil = until;
                }
                confirmed = true;
            }
            settle(now);
        });
    }

    /** Looks at the clock: a window that ran out ends the leadership. */
    void tick(long now) {
        update(() -> settle(now));
    }

    /** The connection is gone: not leader, no known leader. */
    void disconnected() {
        update(this::forget);
    }

    /** The latch is closed: listeners hear the last changes, then nothing more. */
    void close() {
        update(() -> {
            forget();
            closed = true;
        });
    }

    /** True when the service named this member leader and its confirmation window has not run out. */
    boolean isLeader() {
        lock.lock();
        try {
            return leads(System.nanoTime());
        } finally {
            lock.unlock();
        }
    }

    /** True while this member is named leader, whether or not confirmed yet: it then confirms more often. */
    boolean named() {
        lock.lock();
        try {
            return named;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The confirmation window in use: the one configured, or the service's fence margin if that is
     * shorter. The connection paces its confirmations by it.
     */
    Duration window() {
        lock.lock();
        try {
            return Duration.ofNanos(windowNanos);
        } finally {
            lock.unlock();
        }
    }

    /** The term of this member's leadership while it leads; empty otherwise, or from a service too old for terms. */
    OptionalLong term() {
        lock.lock();
        try {
            return leads(System.nanoTime()) ? term : OptionalLong.empty();
        } finally {
            lock.unlock();
        }
    }

    Optional<String> leader() {
        lock.lock();
        try {
            return leader;
        } finally {
            lock.unlock();
        }
    }

    boolean awaitLeadership(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        lock.lockInterruptibly();
        try {
            while (true) {
                long now = System.nanoTime();
                if (leads(now)) {
                    return true;
                }
                long left = deadline - now;
                if (closed || left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean leads(long now) {
        return !closed && named && confirmed && now - confirmedUntil < 0;
    }

    private void forget() {
        named = false;
        confirmed = false;
        settle(System.nanoTime());
        if (leader.isPresent()) {
            leader = Optional.empty();
            term = OptionalLong.empty();
            callbacks.enqueue(() -> listener.leaderChanged(Optional.empty(), OptionalLong.empty()));
        }
    }

    /** Tells the listener when what it was last told no longer holds. */
    private void settle(long now) {
        boolean leads = leads(now);
        if (leads != told) {
            told = leads;
            OptionalLong inTerm = term;
            callbacks.enqueue(leads ? () -> listener.leadershipGained(inTerm) : listener::leadershipLost);
        }
    }

    private void update(Runnable change) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            change.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        callbacks.flush();
    }
}

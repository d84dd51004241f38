package io.leaderlatch.client;

import java.time.Duration;
import java.util.Optional;
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

    private final String self;
    private final long windowNanos;
    private final LeaderLatchListener listener;
    private final CallbackDispatcher callbacks;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    private Optional<String> leader = Optional.empty();
    private boolean named;
    private long namedAt;
    private boolean confirmed;
    private long confirmedUntil;
    private boolean told;
    private boolean closed;

    Leadership(String self, Duration window, LeaderLatchListener listener, CallbackDispatcher callbacks) {
        this.self = self;
        this.windowNanos = window.toNanos();
        this.listener = listener;
        this.callbacks = callbacks;
    }

    /** The service named {@code name} leader, in answer to the JOIN or in a push. */
    void leaderIs(String name, long now) {
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
            settle(now);
            if (!leader.equals(Optional.of(name))) {
                leader = Optional.of(name);
                Optional<String> current = leader;
                callbacks.enqueue(() -> listener.leaderChanged(current));
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
            callbacks.enqueue(() -> listener.leaderChanged(Optional.empty()));
        }
    }

    /** Tells the listener when what it was last told no longer holds. */
    private void settle(long now) {
        boolean leads = leads(now);
        if (leads != told) {
            told = leads;
            callbacks.enqueue(leads ? listener::leadershipGained : listener::leadershipLost);
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

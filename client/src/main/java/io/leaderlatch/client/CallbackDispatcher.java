package io.leaderlatch.client;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs listener calls in the order they were queued and never two at once, on one executor. The
 * caller queues under its own lock (which fixes the order) and calls {@link #flush()} after
 * releasing it, so a listener never runs while the latch's lock is held, even on an executor
 * that runs tasks on the calling thread.
 */
final class CallbackDispatcher {

    private static final System.Logger LOG = System.getLogger(LeaderLatch.class.getName());

    private final Executor executor;
    private final ExecutorService owned;
    private final Queue<Runnable> queue = new ArrayDeque<>();
    private boolean scheduled;

    private CallbackDispatcher(Executor executor, ExecutorService owned) {
        this.executor = executor;
        this.owned = owned;
    }

    /** Calls on the user's executor, which the latch does not shut down. */
    static CallbackDispatcher on(Executor executor) {
        return new CallbackDispatcher(executor, null);
    }

    /** Calls on one daemon thread of the latch's own, named {@code threadName}, started on first use. */
    static CallbackDispatcher onOwnThread(String threadName) {
        ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, threadName);
            t.setDaemon(true);
            return t;
        });
        return new CallbackDispatcher(thread, thread);
    }

    synchronized void enqueue(Runnable call) {
        queue.add(call);
    }

    /** Makes sure the queued calls will run; call it without holding any lock. */
    void flush() {
        synchronized (this) {
            if (scheduled || queue.isEmpty()) {
                return;
            }
            scheduled = true;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                scheduled = false;
                queue.clear();
            }
            LOG.log(Level.WARNING, "the callback executor refused the latch's listener calls; they are dropped", e);
        }
    }

    /** Runs what is queued, then lets the latch's own thread end; the user's executor is left alone. */
    void shutdownAfterQueued() {
        flush();
        if (owned != null) {
            owned.shutdown();
        }
    }

    private void drain() {
        while (true) {
            Runnable call;
            synchronized (this) {
                call = queue.poll();
                if (call == null) {
                    scheduled = false;
                    return;
                }
            }
            try {
                call.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a leader latch listener threw", e);
            }
        }
    }
}

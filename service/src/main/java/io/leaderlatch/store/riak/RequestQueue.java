package io.leaderlatch.store.riak;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Lets at most as many requests go to Riak at once as the client has connections, and keeps the
 * rest waiting in arrival order, so that a burst is served as fast as Riak answers instead of being
 * failed: riak-client fails a request at once when every connection is busy.
 *
 * <p>The wait is bounded twice, and both bounds are refusals of a request that was never sent (so
 * a write was certainly not applied): at most {@code maxQueued} requests wait, and none waits longer
 * than {@code maxWait}. Thread-safe; requests are started on the thread that frees their slot.
 */
// The slot is freed by a callback on the request's own result, which its caller holds and awaits.
@SuppressWarnings("FutureReturnValueIgnored")
final class RequestQueue implements RequestQueueStats {

    /** Why a request was refused before it was sent. */
    enum Refusal {
        /** {@code maxQueued} requests were already waiting. */
        FULL,
        /** It waited {@code maxWait} without a free connection. */
        EXPIRED,
        /** The store was closed while it waited. */
        CLOSED
    }

    /** A request: how to start it, and its result, which frees the slot when it completes. */
    static final class Request {
        private final CompletableFuture<?> result;
        private final Consumer<Request> start;
        /** Whether completing the result already frees a slot (a requeued request starts twice). */
        private boolean releaseAttached;

        Request(CompletableFuture<?> result, Consumer<Request> start) {
            this.result = result;
            this.start = start;
        }

        void fail(Throwable error) {
            result.completeExceptionally(error);
        }
    }

    private final int maxInFlight;
    private final int maxQueued;
    private final long maxWaitNanos;
    private final BiConsumer<Request, Refusal> refuse;
    private final ArrayDeque<Request> waiting = new ArrayDeque<>();
    private final AtomicLong refusedFull = new AtomicLong();
    private final AtomicLong refusedExpired = new AtomicLong();
    private int inFlight;
    private boolean closed;

    /**
     * @param refuse how a refused request's result is completed; called outside the queue's lock
     */
    RequestQueue(int maxInFlight, int maxQueued, long maxWaitNanos, BiConsumer<Request, Refusal> refuse) {
        if (maxInFlight < 1 || maxQueued < 0) {
            throw new IllegalArgumentException("need maxInFlight >= 1 and maxQueued >= 0");
        }
        this.maxInFlight = maxInFlight;
        this.maxQueued = maxQueued;
        this.maxWaitNanos = maxWaitNanos;
        this.refuse = refuse;
    }

    /** Starts {@code request} now if a slot is free, else queues it, else refuses it. */
    void submit(Request request) {
        Refusal refusal = null;
        boolean startNow = false;
        synchronized (this) {
            if (closed) {
                refusal = Refusal.CLOSED;
            } else if (inFlight < maxInFlight && waiting.isEmpty()) {
                inFlight++;
                startNow = true;
            } else if (waiting.size() >= maxQueued) {
                refusal = Refusal.FULL;
                refusedFull.incrementAndGet();
            } else {
                waiting.addLast(request);
            }
        }
        if (refusal != null) {
            refuse.accept(request, refusal);
        } else if (startNow) {
            begin(request);
        } else {
            CompletableFuture.delayedExecutor(maxWaitNanos, TimeUnit.NANOSECONDS).execute(() -> expire(request));
        }
    }

    /**
     * The request could not get a connection although a slot was free (riak-client's pool was still
     * busy with a request this queue has already given up on, say). If other requests are in
     * flight, it goes back to the head of the queue and starts when one of them ends: true. If none
     * is, no ending would ever start it: false, and the caller fails it.
     */
    boolean requeueIfBusy(Request request) {
        synchronized (this) {
            if (closed || inFlight <= 1) {
                return false;
            }
            inFlight--;
            waiting.addFirst(request);
        }
        return true;
    }

    /** Refuses every waiting request; from now on every request is refused. */
    void close() {
        List<Request> dropped;
        synchronized (this) {
            closed = true;
            dropped = new ArrayList<>(waiting);
            waiting.clear();
        }
        dropped.forEach(request -> refuse.accept(request, Refusal.CLOSED));
    }

    @Override
    public synchronized int waiting() {
        return waiting.size();
    }

    @Override
    public synchronized int inFlight() {
        return inFlight;
    }

    @Override
    public long refusedFull() {
        return refusedFull.get();
    }

    @Override
    public long refusedExpired() {
        return refusedExpired.get();
    }

    private void begin(Request request) {
        // However the result completes (answer, failure, timeout, close), its slot is freed once.
        if (!request.releaseAttached) {
            request.releaseAttached = true;
            request.result.whenComplete((response, error) -> release());
        }
        request.start.accept(request);
    }

    private void release() {
        Request next;
        synchronized (this) {
            inFlight--;
            next = waiting.pollFirst();
            if (next == null) {
                return;
            }
            inFlight++;
        }
        begin(next);
    }

    private void expire(Request request) {
        synchronized (this) {
            if (!waiting.remove(request)) {
                return; // started, or refused at close
            }
            refusedExpired.incrementAndGet();
        }
        refuse.accept(request, Refusal.EXPIRED);
    }
}

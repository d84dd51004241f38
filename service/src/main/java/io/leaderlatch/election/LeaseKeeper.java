package io.leaderlatch.election;

import io.leaderlatch.store.Conflict;
import io.leaderlatch.store.ElectionStore;
import io.leaderlatch.store.Found;
import io.leaderlatch.store.NotFound;
import io.leaderlatch.store.ReadOutcome;
import io.leaderlatch.store.Unavailable;
import io.leaderlatch.store.Version;
import io.leaderlatch.store.WriteOutcome;
import io.leaderlatch.store.Written;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this instance's lease: creates its instance record, renews the heartbeat in it, and says
 * whether the instance may still act (design invariant 2).
 *
 * <p>The lease counts from the start of the last successful renewal, on this instance's monotonic
 * clock: a renewal that was sent at {@code t} and confirmed later proves only that the instance was
 * alive at {@code t}. Past {@code lease - fenceMargin} the instance must not tell anyone anything;
 * the coordinator then fences. Other instances wait a full {@code lease} on their own clocks after
 * the heartbeat stops changing, so the fenced instance has closed its connections before they act.
 *
 * <p>The lease is first held only once the instance is also listed in the {@link InstanceIndex},
 * so that every other instance watches its heartbeat before it has any member.
 *
 * <p>If other instances declared this one dead and deleted its record, the lost identity is never
 * reused: the keeper takes a new incarnation of the id, so no member written under the new id can
 * be mistaken for one of the removed members. Runs on the coordinator's thread.
 */
// Renewals and expiry checks are scheduled on the election executor, whose afterExecute logs any
// that fail; store calls end in handlers there that deal with the store's failures themselves.
@SuppressWarnings("FutureReturnValueIgnored")
final class LeaseKeeper {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    /** What the coordinator does when the lease changes hands. */
    interface Listener {
        /** The lease ran out: stop vouching for anything. */
        void leaseLost(String why);

        /** The lease is held again (or for the first time). */
        void leaseGained();
    }

    private final String baseId;
    private final ElectionStore store;
    private final ScheduledExecutorService executor;
    private final CoordinatorOptions options;
    private final Listener listener;
    private final Optional<String> hintAddress;
    private final InstanceIndex index;

    private int incarnation;
    /** Read from other threads for logs and status; written only on the coordinator's thread. */
    private volatile String instanceId;
    private Version version;
    private boolean versionUnknown;
    private long heartbeat;
    private long lastRenewalStart;
    /**
     * {@code System.nanoTime()} past which this instance may no longer vouch for anything; read by
     * I/O threads at the moment they answer, so a timer that has not run yet (after the process
     * was paused, say) cannot make them vouch for an expired lease.
     */
    private volatile long vouchesUntil;
    private boolean holding;
    /** Listed in the instance index under the current id. */
    private boolean registered;
    private boolean registering;
    private boolean renewing;
    private boolean stopped;
    private String lastProblem = "";

    LeaseKeeper(String baseId, ElectionStore store, ScheduledExecutorService executor, CoordinatorOptions options,
                Optional<String> hintAddress, Listener listener) {
        this.baseId = baseId;
        this.store = store;
        this.executor = executor;
        this.options = options;
        this.listener = listener;
        this.hintAddress = hintAddress;
        this.index = new InstanceIndex(store);
        this.instanceId = baseId;
        stopVouching();
    }

    /** This incarnation's instance id: the one written into member ids. */
    String instanceId() {
        return instanceId;
    }

    /** True while this instance may vouch for what it tells clients. */
    boolean holds() {
        return holding && System.nanoTime() - lastRenewalStart < options.validity().toNanos();
    }

    /** Milliseconds since the start of the last successful renewal; on the coordinator's thread. */
    long sinceLastRenewalMillis() {
        return Duration.ofNanos(System.nanoTime() - lastRenewalStart).toMillis();
    }

    /** True if, at this very moment, the lease is held; safe to call from any thread. */
    boolean holdsNow() {
        return System.nanoTime() - vouchesUntil < 0;
    }

    void start() {
        long renew = options.renewInterval().toNanos();
        executor.scheduleWithFixedDelay(this::renew, 0, renew, TimeUnit.NANOSECONDS);
        // Checked far more often than it can expire, so fencing comes well within the margin.
        long check = Math.max(TimeUnit.MILLISECONDS.toNanos(5), options.fenceMargin().toNanos() / 4);
        executor.scheduleWithFixedDelay(this::checkExpiry, check, check, TimeUnit.NANOSECONDS);
    }

    /**
     * Gives up the lease for good, deletes the instance record, so others act at once, and takes
     * the instance off the index.
     */
    CompletableFuture<Void> release() {
        stopped = true;
        holding = false;
        stopVouching();
        String id = instanceId();
        if (version == null || versionUnknown) {
            return index.remove(id).thenAccept(removed -> { });
        }
        return store.delete(InstanceRecord.key(id), version)
                .thenCompose(outcome -> {
                    log.debug("instance record {} deleted: {}", id, outcome);
                    return index.remove(id);
                })
                .thenAccept(removed -> { });
    }

    void checkExpiry() {
        if (holding && !holds()) {
            holding = false;
            stopVouching();
            listener.leaseLost("no heartbeat renewal confirmed for " + options.validity().toMillis()
                    + " ms (" + lastProblem + ")");
        }
    }

    private void renew() {
        if (renewing || stopped) {
            return;
        }
        renewing = true;
        long start = System.nanoTime();
        String key = InstanceRecord.key(instanceId());
        if (versionUnknown) {
            OnExecutor.whenComplete(store.get(key), executor, (outcome, error) ->
                    onReread(error == null ? outcome : Unavailable.of(error.toString())));
            return;
        }
        byte[] value = new InstanceRecord(heartbeat + 1, options.lease(), hintAddress).encode();
        CompletableFuture<WriteOutcome> write = version == null
                ? store.create(key, value)
                : store.compareAndSet(key, version, value);
        OnExecutor.whenComplete(write, executor, (outcome, error) ->
                onRenewal(start, error == null ? outcome : Unavailable.unknownOutcome(error.toString())));
    }

    private void onRenewal(long start, WriteOutcome outcome) {
        renewing = false;
        if (stopped) {
            return;
        }
        if (outcome instanceof Written written) {
            version = written.version();
            heartbeat++;
            lastRenewalStart = Math.max(lastRenewalStart, start);
            lastProblem = "";
            if (registered) {
                gainIfValid();
            } else {
                register();
            }
        } else if (outcome instanceof Conflict) {
            // Someone else changed or deleted our record (declared us dead), or a renewal whose
            // outcome was unknown did land: read it to find out which.
            versionUnknown = true;
            lastProblem = "heartbeat write conflicted";
        } else {
            Unavailable unavailable = (Unavailable) outcome;
            versionUnknown = unavailable.outcomeUnknown();
            lastProblem = "store: " + unavailable.reason();
        }
    }

    /** Lists this id in the instance index; the lease is held from then on, while renewals are fresh. */
    private void register() {
        if (registering) {
            return;
        }
        registering = true;
        String id = instanceId();
        OnExecutor.whenComplete(index.add(id), executor, (added, error) -> {
            registering = false;
            if (stopped || !id.equals(instanceId())) {
                return;
            }
            if (Boolean.TRUE.equals(added)) {
                registered = true;
                gainIfValid();
            } else {
                lastProblem = "could not list the instance in the instance index";
            }
        });
    }

    private void gainIfValid() {
        if (!holding && System.nanoTime() - lastRenewalStart < options.validity().toNanos()) {
            holding = true;
            listener.leaseGained();
        }
        if (holding) {
            vouchesUntil = lastRenewalStart + options.validity().toNanos();
        }
    }

    /** A deadline already past: holdsNow() is false from here on until a renewal succeeds. */
    private void stopVouching() {
        vouchesUntil = System.nanoTime() - 1;
    }

    private void onReread(ReadOutcome outcome) {
        renewing = false;
        if (stopped) {
            return;
        }
        if (outcome instanceof Found found) {
            try {
                heartbeat = Math.max(heartbeat, InstanceRecord.decode(found.value()).heartbeat());
            } catch (IllegalArgumentException e) {
                lastProblem = "unreadable instance record";
                return;
            }
            version = found.version();
            versionUnknown = false;
        } else if (outcome instanceof NotFound) {
            reincarnate();
        } else {
            lastProblem = "store: " + ((Unavailable) outcome).reason();
        }
    }

    /**
     * Our record is gone: other instances saw our heartbeat stand still for a full lease and
     * removed our members. Stop vouching (if we somehow still were) and come back under a new id.
     */
    private void reincarnate() {
        String old = instanceId();
        if (holding) {
            holding = false;
            stopVouching();
            listener.leaseLost("instance record " + old + " was deleted by another instance");
        }
        incarnation++;
        instanceId = baseId + "." + incarnation;
        registered = false;
        version = null;
        versionUnknown = false;
        heartbeat = 0;
        log.warn("other instances declared {} dead; continuing as {}", old, instanceId());
    }
}

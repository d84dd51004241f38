package io.leaderlatch.election;

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
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Watches the heartbeat of every other instance: those in the {@link InstanceIndex} and any found
 * in a group record. Says, on this instance's clock only (never comparing clocks across
 * machines), which instances it can vouch for, and declares an instance dead once its heartbeat
 * has stood still for a full lease.
 *
 * <p>An instance is vouched for only after this one has seen its heartbeat <em>change</em>, and
 * for a lease after it last saw a change: a heartbeat read once says nothing of when it was
 * written. So right after this instance starts, or learns of a new one, it vouches for nobody
 * until a renewal comes by (at most a renew interval and a poll). Answers that would name a member
 * of an instance not vouched for wait (docs/architecture.md, "Naming only live leaders").
 *
 * <p>Declaring dead is itself a conditional write: the instance record is deleted at the version
 * whose heartbeat stood still. If the instance renewed meanwhile, the delete conflicts and nothing
 * happens; if it succeeds, the instance can never renew under that id again, so removing its
 * members is safe. An instance record that does not exist means its instance stopped or was
 * already declared dead. Runs on the coordinator's thread.
 */
final class InstanceWatcher {

    private static final Logger log = LoggerFactory.getLogger(InstanceWatcher.class);

    /** What the coordinator does with what the watcher learns. */
    interface Listener {
        /** The instance's heartbeat was seen to change: it renewed, and is vouched for from now on. */
        void instanceRenewed(String instanceId);

        /**
         * The instance is dead: its record is gone. {@code declaredHere}: this instance deleted it,
         * so no other instance may know which groups still hold its members.
         */
        void instanceDead(String instanceId, boolean declaredHere);

        /** The instance's record was read (for its hint address). */
        void instanceSeen(String instanceId, InstanceRecord record);
    }

    /**
     * A heartbeat value and when this instance first saw it; {@code changed} when it was seen to
     * replace an earlier value, which proves the instance renewed at about {@code firstSeen}.
     */
    private record Observation(long heartbeat, Version version, Duration lease, long firstSeen, boolean changed) {
    }

    private final ElectionStore store;
    private final Executor executor;
    private final Duration lease;
    private final Supplier<String> self;
    private final InstanceIndex index;
    private final Listener listener;
    /** Instances being watched; a null observation: not read yet. */
    private final Map<String, Observation> watched = new HashMap<>();
    /** Dead instances, with when they were found dead. */
    private final Map<String, Long> dead = new HashMap<>();
    private final Set<String> reading = new HashSet<>();
    private Set<String> indexed = Set.of();
    private boolean readingIndex;

    InstanceWatcher(ElectionStore store, Executor executor, Duration lease, Supplier<String> self, Listener listener) {
        this.store = store;
        this.executor = executor;
        this.lease = lease;
        this.self = self;
        this.index = new InstanceIndex(store);
        this.listener = listener;
    }

    /** The ids of the instances watched and not found dead. */
    Set<String> watchedIds() {
        return Set.copyOf(watched.keySet());
    }

    /** Other instances watched and not found dead. */
    int watchedCount() {
        return watched.size();
    }

    /** True when a member of {@code instanceId} may be named: this instance saw it renew within a lease. */
    boolean vouchesFor(String instanceId) {
        Observation seen = watched.get(instanceId);
        return seen != null && seen.changed() && System.nanoTime() - seen.firstSeen() < wait(seen).toNanos();
    }

    /** How long this instance has seen {@code instanceId}'s heartbeat stand still; empty if it has not read it yet. */
    Optional<Long> unchangedForMillis(String instanceId) {
        Observation seen = watched.get(instanceId);
        return seen == null ? Optional.empty()
                : Optional.of(Duration.ofNanos(System.nanoTime() - seen.firstSeen()).toMillis());
    }

    /** True when {@code instanceId} was seen to renew at or after {@code since} ({@link System#nanoTime()}). */
    boolean renewedSince(String instanceId, long since) {
        Observation seen = watched.get(instanceId);
        return seen != null && seen.changed() && seen.firstSeen() - since >= 0;
    }

    boolean isDead(String instanceId) {
        return dead.containsKey(instanceId);
    }

    /** An instance id found in a record: watch it from now on, unless it is this one or known. */
    void consider(String instanceId) {
        if (!watched.containsKey(instanceId) && !dead.containsKey(instanceId) && !instanceId.equals(self.get())) {
            watched.put(instanceId, null);
            read(instanceId);
        }
    }

    /** Reads the index and every watched instance's record. */
    void poll() {
        if (!readingIndex) {
            readingIndex = true;
            OnExecutor.whenComplete(index.read(), executor, (listing, error) -> onIndex(error == null ? listing : null));
        }
        for (String id : Set.copyOf(watched.keySet())) {
            read(id);
        }
        forgetOldDead();
    }

    private void onIndex(InstanceIndex.Listing listing) {
        readingIndex = false;
        if (listing == null) {
            return; // the store cannot say now; the next poll asks again
        }
        indexed = listing.ids();
        for (String id : indexed) {
            if (dead.containsKey(id)) {
                removeFromIndex(id); // whoever declared it did not get to it
            } else {
                consider(id);
            }
        }
    }

    private void read(String id) {
        if (reading.add(id)) {
            OnExecutor.whenComplete(store.get(InstanceRecord.key(id)), executor, (outcome, error) ->
                    onRead(id, error == null ? outcome : Unavailable.of(error.toString())));
        }
    }

    private void onRead(String id, ReadOutcome outcome) {
        reading.remove(id);
        if (!watched.containsKey(id)) {
            return;
        }
        if (outcome instanceof NotFound) {
            log.info("instance {} is gone (no instance record); removing its members", id);
            markDead(id, false);
        } else if (outcome instanceof Found found) {
            observe(id, found);
        }
        // Unavailable: nothing can be judged; the observation keeps its age.
    }

    private void observe(String id, Found found) {
        InstanceRecord record;
        try {
            record = InstanceRecord.decode(found.value());
        } catch (IllegalArgumentException e) {
            log.warn("unreadable instance record of {}: {}", id, e.getMessage());
            return;
        }
        listener.instanceSeen(id, record);
        Observation last = watched.get(id);
        long now = System.nanoTime();
        if (last == null) {
            watched.put(id, new Observation(record.heartbeat(), found.version(), record.lease(), now, false));
            return;
        }
        if (last.heartbeat() != record.heartbeat()) {
            watched.put(id, new Observation(record.heartbeat(), found.version(), record.lease(), now, true));
            listener.instanceRenewed(id);
            return;
        }
        Duration wait = wait(last);
        if (now - last.firstSeen() >= wait.toNanos()) {
            log.warn("instance {} has not renewed its heartbeat for {} ms; declaring it dead", id, wait.toMillis());
            reading.add(id); // no reads until the delete is answered
            OnExecutor.whenComplete(store.delete(InstanceRecord.key(id), found.version()), executor, (deleted, error) ->
                    onDeclaredDead(id, error == null ? deleted : Unavailable.of(error.toString())));
        } else {
            watched.put(id, new Observation(last.heartbeat(), found.version(), last.lease(), last.firstSeen(),
                    last.changed()));
        }
    }

    /** The longer of this instance's lease and the one the watched instance runs with. */
    private Duration wait(Observation seen) {
        return lease.compareTo(seen.lease()) >= 0 ? lease : seen.lease();
    }

    private void onDeclaredDead(String id, WriteOutcome outcome) {
        reading.remove(id);
        if (outcome instanceof Written) {
            markDead(id, true);
        } else {
            // Conflict: it renewed after all, or another instance declared it first; the next read tells.
            log.info("instance {} not declared dead here: {}", id, outcome);
        }
    }

    private void markDead(String id, boolean declaredHere) {
        watched.remove(id);
        dead.put(id, System.nanoTime());
        if (indexed.contains(id) || declaredHere) {
            removeFromIndex(id);
        }
        listener.instanceDead(id, declaredHere);
    }

    private void removeFromIndex(String id) {
        OnExecutor.whenComplete(index.remove(id), executor, (removed, error) -> {
            if (Boolean.TRUE.equals(removed)) {
                Set<String> rest = new HashSet<>(indexed);
                rest.remove(id);
                indexed = rest;
            }
        });
    }

    /**
     * Dead ids are kept for an hour, so that records found holding their members are cleared at
     * once; after that, one found again is read anew (its record is gone, so it is found dead again).
     */
    private void forgetOldDead() {
        long now = System.nanoTime();
        long keep = Duration.ofHours(1).toNanos();
        dead.values().removeIf(since -> now - since > keep);
    }
}

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
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Watches the heartbeats of the other instances whose members share groups with this one's, and
 * declares an instance dead once its heartbeat has stood still for a full lease on this
 * instance's clock (never comparing clocks across machines).
 *
 * <p>Declaring dead is itself a conditional write: the instance record is deleted at the version
 * whose heartbeat stood still. If the instance renewed meanwhile, the delete conflicts and nothing
 * happens; if it succeeds, the instance can never renew under that id again, so removing its
 * members is safe. An instance record that does not exist means its instance stopped or was
 * already declared dead. Runs on the coordinator's thread.
 */
final class InstanceWatcher {

    private static final Logger log = LoggerFactory.getLogger(InstanceWatcher.class);

    /** What the coordinator does with what the watcher reads. */
    interface Listener {
        /** Remove the dead instance's members from every group. */
        void instanceDead(String instanceId);

        /** The instance's record was read (for its hint address). */
        void instanceSeen(String instanceId, InstanceRecord record);
    }

    /** A heartbeat value and when this instance first saw it. */
    private record Observation(long heartbeat, Version version, Duration lease, long firstSeen) {
    }

    private final ElectionStore store;
    private final Executor executor;
    private final Duration lease;
    private final Listener listener;
    private final Map<String, Observation> watched = new HashMap<>();
    private final Set<String> reading = new HashSet<>();

    InstanceWatcher(ElectionStore store, Executor executor, Duration lease, Listener listener) {
        this.store = store;
        this.executor = executor;
        this.lease = lease;
        this.listener = listener;
    }

    /** Watches exactly these instances from now on; a newly watched one starts a fresh lease. */
    void watchOnly(Set<String> instanceIds) {
        watched.keySet().retainAll(instanceIds);
        for (String id : instanceIds) {
            watched.putIfAbsent(id, null);
        }
    }

    /** Instances seen alive: watched ones not yet declared dead. */
    int watchedCount() {
        return watched.size();
    }

    void poll() {
        for (String id : Set.copyOf(watched.keySet())) {
            if (reading.add(id)) {
                store.get(InstanceRecord.key(id)).whenCompleteAsync((outcome, error) ->
                        onRead(id, error == null ? outcome : Unavailable.of(error.toString())), executor);
            }
        }
    }

    private void onRead(String id, ReadOutcome outcome) {
        reading.remove(id);
        if (!watched.containsKey(id)) {
            return;
        }
        if (outcome instanceof NotFound) {
            watched.remove(id);
            log.info("instance {} is gone (no instance record); removing its members", id);
            listener.instanceDead(id);
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
        if (last == null || last.heartbeat() != record.heartbeat()) {
            watched.put(id, new Observation(record.heartbeat(), found.version(), record.lease(), now));
            return;
        }
        Duration wait = lease.compareTo(last.lease()) >= 0 ? lease : last.lease();
        if (now - last.firstSeen() >= wait.toNanos()) {
            log.warn("instance {} has not renewed its heartbeat for {} ms; declaring it dead", id, wait.toMillis());
            store.delete(InstanceRecord.key(id), found.version()).whenCompleteAsync((deleted, error) ->
                    onDeclaredDead(id, error == null ? deleted : Unavailable.of(error.toString())), executor);
        } else {
            watched.put(id, new Observation(last.heartbeat(), found.version(), last.lease(), last.firstSeen()));
        }
    }

    private void onDeclaredDead(String id, WriteOutcome outcome) {
        if (outcome instanceof Written) {
            watched.remove(id);
            listener.instanceDead(id);
        } else {
            // Conflict: it renewed after all (or someone else declared it first; the next read tells).
            log.info("instance {} not declared dead: {}", id, outcome);
        }
    }
}

package io.leaderlatch.election;

import io.leaderlatch.store.ElectionStore;
import io.leaderlatch.store.Found;
import io.leaderlatch.store.NotFound;
import io.leaderlatch.store.ReadOutcome;
import io.leaderlatch.store.Unavailable;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Tells the other instances with members in a group that this instance has just changed it, so
 * that they re-read its shard now rather than learn of the change at their next poll of it.
 *
 * <p>The hint addresses come from the instance records: those the {@link InstanceWatcher} reads
 * anyway, and, for an instance not read yet (its members arrived since the last poll), a read of
 * its record made when there is first something to tell it. An instance whose record has no
 * address (hints switched off there) is told nothing and learns by polling. Runs on the
 * coordinator's thread.
 */
final class ChangeHints {

    private final ElectionStore store;
    private final Executor executor;
    private final HintTransport transport;
    /** Per instance id, its hint address; empty when its record has none or is gone. */
    private final Map<String, Optional<String>> addresses = new HashMap<>();
    /** Instances whose record is being read, and the groups to name to them once it is. */
    private final Map<String, Set<String>> awaiting = new HashMap<>();

    ChangeHints(ElectionStore store, Executor executor, HintTransport transport) {
        this.store = store;
        this.executor = executor;
        this.transport = transport;
    }


    /** The watcher read {@code instanceId}'s record. */
    void learned(String instanceId, InstanceRecord record) {
        addresses.put(instanceId, record.hints());
    }

    /** Forgets the instances that no longer share a group with this one. */
    void retainOnly(Set<String> instanceIds) {
        addresses.keySet().retainAll(instanceIds);
    }

    /**
     * This instance has just written {@code group}, in which {@code instanceId} has members: hint it
     * to re-read the group's shard.
     */
    void tell(String instanceId, String group) {
        if (transport.address().isEmpty()) {
            return; // switched off here: neither taken nor sent
        }
        Optional<String> address = addresses.get(instanceId);
        if (address != null) {
            address.ifPresent(to -> transport.send(to, group));
            return;
        }
        Set<String> groups = awaiting.get(instanceId);
        if (groups != null) {
            groups.add(group);
            return;
        }
        groups = new LinkedHashSet<>(2);
        groups.add(group);
        awaiting.put(instanceId, groups);
        OnExecutor.whenComplete(store.get(InstanceRecord.key(instanceId)), executor, (outcome, error) ->
                onRead(instanceId, error == null ? outcome : Unavailable.of(error.toString())));
    }

    private void onRead(String instanceId, ReadOutcome outcome) {
        Set<String> groups = awaiting.remove(instanceId);
        Optional<String> address;
        if (outcome instanceof Found found) {
            try {
                address = InstanceRecord.decode(found.value()).hints();
            } catch (IllegalArgumentException e) {
                return; // the watcher reports unreadable records
            }
        } else if (outcome instanceof NotFound) {
            address = Optional.empty(); // stopped or declared dead: nobody to tell
        } else {
            return; // not known now; the next change asks again, and polling covers this one
        }
        addresses.put(instanceId, address);
        address.ifPresent(to -> groups.forEach(group -> transport.send(to, group)));
    }
}

package io.leaderlatch.election;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The stored state of one shard ({@link GroupShards}): the groups whose names hash to it, each with
 * its members in join order and its term, and the next term the shard hands out.
 *
 * <p>Terms come from the shard, not from the group: whenever a group's leader changes (a new group
 * included) it takes {@code nextTerm}, which then grows by one. A group that empties is dropped,
 * and the shard record is never deleted, so a group created again under the same name gets a
 * larger term than any it had before: a term is never reused for a group. Immutable; changes go
 * through an {@link Editor}.
 *
 * @param nextTerm the term the next leader change in this shard takes; at least 1
 * @param groups the non-empty groups by name, sorted
 */
record ShardRecord(long nextTerm, Map<String, GroupRecord> groups) {

    static final ShardRecord EMPTY = new ShardRecord(1, Map.of());

    ShardRecord {
        if (nextTerm < 1) {
            throw new IllegalArgumentException("next term must be at least 1: " + nextTerm);
        }
        groups = Collections.unmodifiableMap(new TreeMap<>(groups));
    }

    /** The group's record; empty when it has no members. */
    GroupRecord group(String name) {
        return groups.getOrDefault(name, GroupRecord.EMPTY);
    }

    /** Every instance with a member in this shard. */
    Set<String> instances() {
        Set<String> instances = new HashSet<>();
        for (GroupRecord group : groups.values()) {
            for (GroupMember member : group.members()) {
                instances.add(member.id().instanceId());
            }
        }
        return instances;
    }

    /** The groups that differ between this record and {@code other}, in either direction. */
    Set<String> changedGroups(ShardRecord other) {
        Set<String> changed = new HashSet<>();
        for (Map.Entry<String, GroupRecord> entry : groups.entrySet()) {
            GroupRecord there = other.groups.get(entry.getKey());
            if (there != entry.getValue() && !entry.getValue().equals(there)) {
                changed.add(entry.getKey());
            }
        }
        for (String name : other.groups.keySet()) {
            if (!groups.containsKey(name)) {
                changed.add(name);
            }
        }
        return changed;
    }

    Editor edit() {
        return new Editor(this);
    }

    /** Applies changes to a copy of a shard record, assigning terms as leaders change. */
    static final class Editor {

        private final ShardRecord base;
        private final TreeMap<String, GroupRecord> groups;
        private long nextTerm;

        private Editor(ShardRecord base) {
            this.base = base;
            this.groups = new TreeMap<>(base.groups);
            this.nextTerm = base.nextTerm;
        }

        GroupRecord group(String name) {
            return groups.getOrDefault(name, GroupRecord.EMPTY);
        }

        /** Sets a group's members; a new leader takes the next term, no members drop the group. */
        void put(String name, GroupRecord changed) {
            GroupRecord current = group(name);
            if (changed == current) {
                return;
            }
            if (changed.isEmpty()) {
                groups.remove(name);
                return;
            }
            Optional<GroupMember> leader = changed.leader();
            if (!leader.equals(current.leader())) {
                changed = new GroupRecord(nextTerm++, changed.members());
            } else if (changed.term() != current.term()) {
                changed = new GroupRecord(current.term(), changed.members());
            }
            groups.put(name, changed);
        }

        /** Removes every member of {@code instanceId} from every group of the shard. */
        void removeInstance(String instanceId) {
            for (String name : Set.copyOf(groups.keySet())) {
                put(name, group(name).withoutInstance(instanceId));
            }
        }

        /** The edited record; the very same record when nothing changed. */
        ShardRecord build() {
            ShardRecord edited = new ShardRecord(nextTerm, groups);
            return edited.equals(base) ? base : edited;
        }
    }
}

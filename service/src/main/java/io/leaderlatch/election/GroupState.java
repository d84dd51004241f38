package io.leaderlatch.election;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One group with members on this instance: those members, and the group's record as of the last
 * confirmed read or write of its shard. Owned by the coordinator's thread.
 */
final class GroupState {

    final String name;
    final int shard;
    /**
     * This instance's members of the group, in the order they joined here. Collections here start
     * small: most groups have a few members, and there is one state per group.
     */
    private final Set<LocalMember> locals = new LinkedHashSet<>(4);
    GroupRecord known = GroupRecord.EMPTY;

    GroupState(String name) {
        this.name = name;
        this.shard = GroupShards.of(name);
    }

    /** This instance's members of the group, in join order; read-only, changed by {@link #add} and {@link #remove}. */
    Set<LocalMember> locals() {
        return Collections.unmodifiableSet(locals);
    }

    /** True while this instance has at least one member in the group. */
    boolean hasLocals() {
        return !locals.isEmpty();
    }

    void add(LocalMember local) {
        locals.add(local);
    }

    /** Takes {@code local} out; false if it was not a member here. */
    boolean remove(LocalMember local) {
        return locals.remove(local);
    }

    /** True when the group has members of other instances, whose changes this one must learn. */
    boolean shared(String self) {
        for (GroupMember member : known.members()) {
            if (!member.id().instanceId().equals(self)) {
                return true;
            }
        }
        return false;
    }
}

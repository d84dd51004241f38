package io.leaderlatch.election;

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
    final Set<LocalMember> locals = new LinkedHashSet<>(4);
    GroupRecord known = GroupRecord.EMPTY;

    GroupState(String name) {
        this.name = name;
        this.shard = GroupShards.of(name);
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

package io.leaderlatch.election;

import java.util.concurrent.ScheduledFuture;

/** A member whose connection this instance holds. Owned by the coordinator's thread. */
final class LocalMember {

    final ElectionMember member;
    final GroupMember entry;
    final String group;
    /** {@link System#nanoTime()} when its JOIN was taken. */
    final long arrivedAt;
    /** True once its JOIN is in the group record, though perhaps not yet answered. */
    boolean written;
    /** True once the member has been told the outcome of its JOIN. */
    boolean joined;
    /**
     * The instance holding the member's client name in the group, while the JOIN waits to learn
     * whether that instance is alive (then NAME_IN_USE) or dead (then it joins); else null.
     */
    String nameHeldBy;
    /** The leader this member was last told about, so it hears only of real changes. */
    MemberId toldLeader;
    /** Fails the JOIN if it is still unanswered when it fires; cancelled once answered. */
    ScheduledFuture<?> deadline;

    LocalMember(ElectionMember member, GroupMember entry, String group, long arrivedAt) {
        this.member = member;
        this.entry = entry;
        this.group = group;
        this.arrivedAt = arrivedAt;
    }

    MemberId id() {
        return entry.id();
    }
}

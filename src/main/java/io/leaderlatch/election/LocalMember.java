package io.leaderlatch.election;

/** A member whose connection this instance holds. Owned by the coordinator's thread. */
final class LocalMember {

    final ElectionMember member;
    final GroupMember entry;
    final String group;
    /** True once the member has been told the outcome of its JOIN. */
    boolean joined;
    /** The leader this member was last told about, so it hears only of real changes. */
    MemberId toldLeader;

    LocalMember(ElectionMember member, GroupMember entry, String group) {
        this.member = member;
        this.entry = entry;
        this.group = group;
    }

    MemberId id() {
        return entry.id();
    }
}

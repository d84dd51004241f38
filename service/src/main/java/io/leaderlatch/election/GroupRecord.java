package io.leaderlatch.election;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One election group: its members in join order and its term.
 *
 * <p>The leader is always the first member: the longest-waiting member takes over when the leader
 * leaves. The term is the one the group's shard gave it when its current leader took over
 * ({@link ShardRecord}); the changes here keep it, and the shard assigns a new one. Instances are
 * immutable; every change returns a new record.
 */
public record GroupRecord(long term, List<GroupMember> members) {

    public static final GroupRecord EMPTY = new GroupRecord(0, List.of());

    public GroupRecord {
        if (term < 0) {
            throw new IllegalArgumentException("negative term " + term);
        }
        members = List.copyOf(members);
    }

    public Optional<GroupMember> leader() {
        return members.isEmpty() ? Optional.empty() : Optional.of(members.get(0));
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    public boolean contains(MemberId id) {
        return members.stream().anyMatch(member -> member.id().equals(id));
    }

    /** The member holding {@code client} as its name, if any. */
    public Optional<GroupMember> byClient(String client) {
        return members.stream().filter(member -> member.client().equals(client)).findFirst();
    }

    /** This record with {@code member} appended, unless it is already a member. */
    public GroupRecord withMember(GroupMember member) {
        if (contains(member.id())) {
            return this;
        }
        List<GroupMember> next = new ArrayList<>(members.size() + 1);
        next.addAll(members);
        next.add(member);
        return withMembers(next);
    }

    /** This record without the member {@code id}; the same record if it is not a member. */
    public GroupRecord without(MemberId id) {
        if (!contains(id)) {
            return this;
        }
        return withMembers(members.stream().filter(member -> !member.id().equals(id)).toList());
    }

    /** This record without any member of instance {@code instanceId}. */
    public GroupRecord withoutInstance(String instanceId) {
        List<GroupMember> next = members.stream().filter(member -> !member.id().instanceId().equals(instanceId)).toList();
        return next.size() == members.size() ? this : withMembers(next);
    }

    private GroupRecord withMembers(List<GroupMember> next) {
        return new GroupRecord(term, next);
    }
}

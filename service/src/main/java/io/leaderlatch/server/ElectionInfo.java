package io.leaderlatch.server;

import io.leaderlatch.election.ElectionView;

import java.util.List;

/**
 * The election as the instance MBean returns it: Java beans whose getters the MXBean framework
 * turns into open types ({@code CompositeData}), so a JMX console or {@code leader-latch groups}
 * needs none of the service's classes to read them.
 */
public final class ElectionInfo {

    private ElectionInfo() {
    }

    /** One group: its name, term, leader and members in join order. */
    public static final class Group {
        private final ElectionView.Group group;

        Group(ElectionView.Group group) {
            this.group = group;
        }

        public String getName() {
            return group.name();
        }

        public long getTerm() {
            return group.term();
        }

        public String getLeader() {
            return group.leader();
        }

        public Member[] getMembers() {
            return group.members().stream().map(Member::new).toArray(Member[]::new);
        }
    }

    /** One member: its client name, its instance and when it joined (epoch ms; 0 when not known). */
    public static final class Member {
        private final ElectionView.Member member;

        Member(ElectionView.Member member) {
            this.member = member;
        }

        public String getClient() {
            return member.client();
        }

        public String getInstance() {
            return member.instance();
        }

        public long getJoinedAt() {
            return member.joinedAt();
        }
    }

    /**
     * One instance: its id, heartbeat and lease, how long the instance asked has seen its heartbeat
     * stand still (-1: not watched long enough to say), whether it is the one asked, and where it
     * takes change hints ("" if it takes none).
     */
    public static final class Instance {
        private final ElectionView.Instance instance;

        Instance(ElectionView.Instance instance) {
            this.instance = instance;
        }

        public String getId() {
            return instance.id();
        }

        public long getHeartbeat() {
            return instance.heartbeat();
        }

        public long getLeaseMillis() {
            return instance.leaseMillis();
        }

        public long getUnchangedForMillis() {
            return instance.unchangedForMillis().orElse(-1L);
        }

        public boolean isSelf() {
            return instance.self();
        }

        public String getHints() {
            return instance.hints().orElse("");
        }
    }

    static Group[] groups(List<ElectionView.Group> groups) {
        return groups.stream().map(Group::new).toArray(Group[]::new);
    }

    static Instance[] instances(List<ElectionView.Instance> instances) {
        return instances.stream().map(Instance::new).toArray(Instance[]::new);
    }
}

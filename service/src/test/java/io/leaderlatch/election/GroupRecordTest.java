package io.leaderlatch.election;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GroupRecordTest {

    private static final GroupMember A = new GroupMember(new MemberId("riak@h1/aa", 1), "a");
    private static final GroupMember B = new GroupMember(new MemberId("riak@h1/aa", 2), "b");
    private static final GroupMember C = new GroupMember(new MemberId("riak@h2/bb", 1), "c");

    @Test
    void theFirstMemberLeadsAndTheLongestWaitingTakesOver() {
        GroupRecord record = GroupRecord.EMPTY.withMember(A).withMember(B).withMember(C);
        assertThat(record.leader()).contains(A);
        record = record.without(A.id());
        assertThat(record.leader()).contains(B);
        assertThat(record.members()).containsExactly(B, C);
    }

    @Test
    void changesKeepTheTermWhichOnlyTheShardAssigns() {
        GroupRecord record = new GroupRecord(7, java.util.List.of(A, B));
        assertThat(record.without(A.id()).term()).isEqualTo(7);
        assertThat(record.withMember(C).term()).isEqualTo(7);
    }

    @Test
    void aFollowerLeavingKeepsTheLeader() {
        GroupRecord record = GroupRecord.EMPTY.withMember(A).withMember(B).withMember(C).without(B.id());
        assertThat(record.members()).containsExactly(A, C);
    }

    @Test
    void changesAreIdempotent() {
        GroupRecord record = GroupRecord.EMPTY.withMember(A).withMember(B);
        assertThat(record.withMember(A)).isSameAs(record);
        assertThat(record.without(C.id())).isSameAs(record);
        assertThat(record.withoutInstance("riak@h9/zz")).isSameAs(record);
    }

    @Test
    void removingAnInstanceRemovesAllItsMembersAndKeepsTheOrderOfTheRest() {
        GroupRecord record = GroupRecord.EMPTY.withMember(A).withMember(C).withMember(B).withoutInstance("riak@h1/aa");
        assertThat(record.members()).containsExactly(C);
    }

    @Test
    void findsMembersByClientName() {
        GroupRecord record = GroupRecord.EMPTY.withMember(A).withMember(B);
        assertThat(record.byClient("b")).contains(B);
        assertThat(record.byClient("z")).isEmpty();
    }

    @Test
    void theLastMemberLeavingEmptiesTheGroup() {
        GroupRecord record = GroupRecord.EMPTY.withMember(A).without(A.id());
        assertThat(record.isEmpty()).isTrue();
        assertThat(record.leader()).isEmpty();
    }
}

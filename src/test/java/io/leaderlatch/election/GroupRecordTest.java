package io.leaderlatch.election;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupRecordTest {

    private static final GroupMember A = new GroupMember(new MemberId("riak@h1/aa", 1), "a");
    private static final GroupMember B = new GroupMember(new MemberId("riak@h1/aa", 2), "b");
    private static final GroupMember C = new GroupMember(new MemberId("riak@h2/bb", 1), "c");

    @Test
    void theFirstMemberLeadsAndTheTermCountsLeaderChanges() {
        GroupRecord record = GroupRecord.EMPTY.withMember(A);
        assertThat(record.leader()).contains(A);
        assertThat(record.term()).isEqualTo(1);

        record = record.withMember(B).withMember(C);
        assertThat(record.leader()).contains(A);
        assertThat(record.term()).isEqualTo(1);

        record = record.without(A.id());
        assertThat(record.leader()).contains(B);
        assertThat(record.members()).containsExactly(B, C);
        assertThat(record.term()).isEqualTo(2);
    }

    @Test
    void aFollowerLeavingKeepsLeaderAndTerm() {
        GroupRecord record = GroupRecord.EMPTY.withMember(A).withMember(B).withMember(C).without(B.id());
        assertThat(record.members()).containsExactly(A, C);
        assertThat(record.term()).isEqualTo(1);
    }

    @Test
    void changesAreIdempotent() {
        GroupRecord record = GroupRecord.EMPTY.withMember(A).withMember(B);
        assertThat(record.withMember(A)).isSameAs(record);
        assertThat(record.without(C.id())).isSameAs(record);
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

    @Test
    void theCodecRoundTripsARecordAsReadableText() {
        GroupRecord record = new GroupRecord(7, List.of(A, B, C));
        byte[] stored = GroupRecordCodec.encode(record);
        assertThat(new String(stored, StandardCharsets.US_ASCII)).isEqualTo("""
                leader-latch-group 1
                term 7
                member riak@h1/aa 1 a
                member riak@h1/aa 2 b
                member riak@h2/bb 1 c
                """);
        assertThat(GroupRecordCodec.decode(stored)).isEqualTo(record);
    }

    @Test
    void theCodecRefusesAnythingElse() {
        assertThatThrownBy(() -> GroupRecordCodec.decode("hello".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GroupRecordCodec.decode(
                "leader-latch-group 1\nterm 1\nmember x\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

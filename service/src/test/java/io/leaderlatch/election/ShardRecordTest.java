package io.leaderlatch.election;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardRecordTest {

    private static final GroupMember A = new GroupMember(new MemberId("riak@h1/aa", 1), "a");
    private static final GroupMember B = new GroupMember(new MemberId("riak@h1/aa", 2), "b");
    private static final GroupMember C = new GroupMember(new MemberId("riak@h2/bb", 1), "c");

    @Test
    void everyLeaderChangeTakesTheShardsNextTermAndFollowersChangeNone() {
        ShardRecord.Editor shard = ShardRecord.EMPTY.edit();
        shard.put("g", shard.group("g").withMember(A));
        assertThat(shard.group("g").term()).isEqualTo(1);
        shard.put("g", shard.group("g").withMember(B).withMember(C));
        assertThat(shard.group("g").term()).isEqualTo(1);
        shard.put("g", shard.group("g").without(A.id()));
        assertThat(shard.group("g").term()).isEqualTo(2);
        shard.put("g", shard.group("g").without(C.id()));
        assertThat(shard.group("g").term()).isEqualTo(2);
        assertThat(shard.build().nextTerm()).isEqualTo(3);
    }

    @Test
    void aGroupEmptiedAndCreatedAgainNeverTakesATermItHadBefore() {
        ShardRecord.Editor shard = ShardRecord.EMPTY.edit();
        shard.put("g", GroupRecord.EMPTY.withMember(A));
        shard.put("h", GroupRecord.EMPTY.withMember(B));
        shard.put("g", shard.group("g").without(A.id()));
        ShardRecord emptied = shard.build();
        assertThat(emptied.groups()).containsOnlyKeys("h");

        ShardRecord.Editor again = emptied.edit();
        again.put("g", GroupRecord.EMPTY.withMember(C));
        assertThat(again.group("g").term()).isEqualTo(3);
    }

    @Test
    void removingAnInstanceReachesEveryGroupAndGivesNewLeadersNewTerms() {
        ShardRecord.Editor shard = ShardRecord.EMPTY.edit();
        shard.put("g", GroupRecord.EMPTY.withMember(A).withMember(C));
        shard.put("h", GroupRecord.EMPTY.withMember(B));
        shard.removeInstance("riak@h1/aa");
        ShardRecord record = shard.build();
        assertThat(record.groups()).containsOnlyKeys("g");
        assertThat(record.group("g").members()).containsExactly(C);
        assertThat(record.group("g").term()).isEqualTo(3);
        assertThat(record.instances()).containsExactly("riak@h2/bb");
    }

    @Test
    void anEditThatChangesNothingGivesTheSameRecord() {
        ShardRecord.Editor first = ShardRecord.EMPTY.edit();
        first.put("g", GroupRecord.EMPTY.withMember(A));
        ShardRecord record = first.build();
        ShardRecord.Editor second = record.edit();
        second.put("g", second.group("g").withMember(A));
        second.removeInstance("riak@h9/zz");
        assertThat(second.build()).isSameAs(record);
    }

    @Test
    void changedGroupsAreThoseThatDifferEitherWay() {
        ShardRecord before = new ShardRecord(5, Map.of("g", new GroupRecord(1, List.of(A)), "h", new GroupRecord(2, List.of(B))));
        ShardRecord after = new ShardRecord(6, Map.of("g", new GroupRecord(1, List.of(A)), "i", new GroupRecord(5, List.of(C))));
        assertThat(after.changedGroups(before)).isEqualTo(Set.of("h", "i"));
    }

    @Test
    void theCodecRoundTripsAShardAsReadableTextSortedByGroup() {
        ShardRecord record = new ShardRecord(12, Map.of(
                "spark", new GroupRecord(11, List.of(A, C)),
                "etl", new GroupRecord(3, List.of(B))));
        byte[] stored = ShardRecordCodec.encode(record);
        assertThat(new String(stored, StandardCharsets.US_ASCII)).isEqualTo("""
                leader-latch-groups 1
                next-term 12
                group etl 3
                member riak@h1/aa 2 b 0
                group spark 11
                member riak@h1/aa 1 a 0
                member riak@h2/bb 1 c 0
                """);
        assertThat(ShardRecordCodec.decode(stored, ShardRecord.EMPTY)).isEqualTo(record);
        assertThat(ShardRecordCodec.clients(stored, "spark")).containsExactly("a", "c");
        assertThat(ShardRecordCodec.clients(stored, "none")).isEmpty();
    }

    @Test
    void aMemberKeepsWhenItJoinedAndALineWithoutItReadsAsNotKnown() {
        GroupMember joined = new GroupMember(new MemberId("riak@h1/aa", 9), "d", 1764756000123L);
        ShardRecord record = new ShardRecord(2, Map.of("g", new GroupRecord(1, List.of(joined))));
        assertThat(ShardRecordCodec.decode(ShardRecordCodec.encode(record), ShardRecord.EMPTY)).isEqualTo(record);
        byte[] older = "leader-latch-groups 1\nnext-term 2\ngroup g 1\nmember riak@h1/aa 9 d\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(ShardRecordCodec.decode(older, ShardRecord.EMPTY).group("g").members())
                .containsExactly(new GroupMember(new MemberId("riak@h1/aa", 9), "d", 0));
    }

    @Test
    void decodingKeepsTheKnownCopyOfAnUnchangedGroup() {
        ShardRecord known = new ShardRecord(4, Map.of("g", new GroupRecord(1, List.of(A)), "h", new GroupRecord(2, List.of(B))));
        ShardRecord read = new ShardRecord(5, Map.of("g", new GroupRecord(1, List.of(A)), "h", new GroupRecord(3, List.of(C))));
        ShardRecord decoded = ShardRecordCodec.decode(ShardRecordCodec.encode(read), known);
        assertThat(decoded.groups().get("g")).isSameAs(known.groups().get("g"));
        assertThat(decoded).isEqualTo(read);
    }

    @Test
    void theCodecRefusesAnythingElse() {
        for (String text : List.of("hello", "leader-latch-groups 1\nnext-term x\n",
                "leader-latch-groups 1\nnext-term 2\nmember a 1 b\n",
                "leader-latch-groups 1\nnext-term 2\ngroup g 1\n",
                "leader-latch-groups 1\nnext-term 2\ngroup g 1\nmember x\n")) {
            assertThatThrownBy(() -> ShardRecordCodec.decode(text.getBytes(StandardCharsets.US_ASCII), ShardRecord.EMPTY))
                    .as(text).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void groupsSpreadOverEveryShardAndEachAlwaysToTheSameOne() {
        Set<Integer> used = new HashSet<>();
        IntStream.range(0, 2000).forEach(i -> used.add(GroupShards.of("group-" + i)));
        assertThat(used).hasSize(GroupShards.COUNT);
        // The layout is stored: a name must map to the same shard in every version (CRC-32 mod 64).
        assertThat(GroupShards.of("spark-master")).isEqualTo(1);
        assertThat(GroupShards.key(GroupShards.of("test_group"))).isEqualTo("groups/14");
    }
}

package io.leaderlatch.election;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stored form of a {@link ShardRecord}: plain ASCII lines, so an operator can read a shard
 * with any Riak client.
 *
 * <pre>
 * leader-latch-groups 1
 * next-term 12
 * group spark-master 11
 * member riak@10.0.0.1/5f2c0a1b9e33 17 spark-master-a 1764756000123
 * member riak@10.0.0.2/91ab77c0de12 4 spark-master-b 1764756001456
 * group etl 3
 * member riak@10.0.0.1/5f2c0a1b9e33 18 etl-1 1764756002789
 * </pre>
 *
 * Groups are sorted by name; each one's members follow its {@code group} line in join order, each
 * with its instance, its connection number there, its client name and when it joined (epoch
 * milliseconds on the joining instance's clock; a line without it reads as 0, not known).
 * Group names, instance ids and client names never contain spaces or line breaks, so fields need
 * no quoting.
 */
public final class ShardRecordCodec {

    private static final String HEADER = "leader-latch-groups 1";
    private static final String NEXT_TERM = "next-term ";
    private static final String GROUP = "group ";
    private static final String MEMBER = "member ";

    private ShardRecordCodec() {
    }

    static byte[] encode(ShardRecord record) {
        int members = record.groups().values().stream().mapToInt(group -> group.members().size()).sum();
        StringBuilder text = new StringBuilder(64 + record.groups().size() * 32 + members * 48);
        text.append(HEADER).append('\n').append(NEXT_TERM).append(record.nextTerm()).append('\n');
        for (Map.Entry<String, GroupRecord> group : record.groups().entrySet()) {
            text.append(GROUP).append(group.getKey()).append(' ').append(group.getValue().term()).append('\n');
            for (GroupMember member : group.getValue().members()) {
                text.append(MEMBER).append(member.id().instanceId()).append(' ')
                        .append(member.id().connection()).append(' ')
                        .append(member.client()).append(' ')
                        .append(member.joinedAt()).append('\n');
            }
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Parses a stored shard. Groups equal to one of {@code known}'s are taken from {@code known},
     * so that a read finding most groups unchanged keeps the copies whose names sessions share.
     *
     * @throws IllegalArgumentException for anything but a shard record
     */
    static ShardRecord decode(byte[] bytes, ShardRecord known) {
        String[] lines = new String(bytes, StandardCharsets.US_ASCII).split("\n");
        if (lines.length < 2 || !lines[0].equals(HEADER) || !lines[1].startsWith(NEXT_TERM)) {
            throw new IllegalArgumentException("not a leader-latch shard record");
        }
        long nextTerm = number(lines[1].substring(NEXT_TERM.length()), 2);
        Map<String, GroupRecord> groups = new TreeMap<>();
        int line = 2;
        while (line < lines.length) {
            String[] header = lines[line].split(" ");
            if (header.length != 3 || !lines[line].startsWith(GROUP)) {
                throw new IllegalArgumentException("bad group line " + (line + 1) + " in shard record");
            }
            long term = number(header[2], line + 1);
            List<GroupMember> members = new ArrayList<>(2);
            line++;
            while (line < lines.length && lines[line].startsWith(MEMBER)) {
                String[] fields = lines[line].split(" ");
                if (fields.length != 4 && fields.length != 5) {
                    throw new IllegalArgumentException("bad member line " + (line + 1) + " in shard record");
                }
                long joinedAt = fields.length == 5 ? number(fields[4], line + 1) : 0;
                members.add(new GroupMember(new MemberId(fields[1], number(fields[2], line + 1)), fields[3], joinedAt));
                line++;
            }
            if (members.isEmpty()) {
                throw new IllegalArgumentException("group " + header[1] + " without members in shard record");
            }
            GroupRecord group = new GroupRecord(term, members);
            GroupRecord same = known.groups().get(header[1]);
            groups.put(header[1], group.equals(same) ? same : group);
        }
        return new ShardRecord(nextTerm, groups);
    }

    /** The stored form of one group, for tools that read shards: its members' client names in join order. */
    public static List<String> clients(byte[] shard, String group) {
        return decode(shard, ShardRecord.EMPTY).group(group).members().stream().map(GroupMember::client).toList();
    }

    /** The shard key that holds {@code group}'s record. */
    public static String keyOf(String group) {
        return GroupShards.key(GroupShards.of(group));
    }

    private static long number(String text, int line) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number on line " + line + " of shard record");
        }
    }
}

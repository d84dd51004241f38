package io.leaderlatch.election;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of a {@link GroupRecord}: plain ASCII lines, so an operator can read a record
 * with any Riak client.
 *
 * <pre>
 * leader-latch-group 1
 * term 3
 * member riak@10.0.0.1/5f2c 17 spark-master-a
 * member riak@10.0.0.2/91ab 4 spark-master-b
 * </pre>
 *
 * Instance ids and client names never contain spaces or line breaks, so fields need no quoting.
 */
public final class GroupRecordCodec {

    private static final String HEADER = "leader-latch-group 1";

    private GroupRecordCodec() {
    }

    public static byte[] encode(GroupRecord record) {
        StringBuilder text = new StringBuilder(64 + record.members().size() * 48);
        text.append(HEADER).append('\n').append("term ").append(record.term()).append('\n');
        for (GroupMember member : record.members()) {
            text.append("member ").append(member.id().instanceId()).append(' ')
                    .append(member.id().connection()).append(' ')
                    .append(member.client()).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Parses a stored record; throws {@link IllegalArgumentException} for anything else. */
    public static GroupRecord decode(byte[] bytes) {
        String[] lines = new String(bytes, StandardCharsets.US_ASCII).split("\n");
        if (lines.length < 2 || !lines[0].equals(HEADER) || !lines[1].startsWith("term ")) {
            throw new IllegalArgumentException("not a leader-latch group record");
        }
        long term = Long.parseLong(lines[1].substring("term ".length()));
        List<GroupMember> members = new ArrayList<>(lines.length - 2);
        for (int i = 2; i < lines.length; i++) {
            String[] fields = lines[i].split(" ");
            if (fields.length != 4 || !fields[0].equals("member")) {
                throw new IllegalArgumentException("bad member line " + (i + 1) + " in group record");
            }
            members.add(new GroupMember(new MemberId(fields[1], Long.parseLong(fields[2])), fields[3]));
        }
        return new GroupRecord(term, members);
    }
}

package io.leaderlatch.election;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Where a group's record lives: every group is kept in one of {@link #COUNT} shard records, chosen
 * by a hash of its name that every instance and every version computes alike.
 *
 * <p>Why shards rather than one record per group: a strongly consistent Riak write costs a
 * consensus round (measured: about 150 writes per second on a small 3-node cluster), so a burst of
 * joins into new groups, one write each, would wait seconds; in shards, the changes to all the
 * groups of one shard go out in one write. The number of shards also bounds what an instance ever
 * has to read: a dead instance's members are cleared by reading every shard, and an operator's
 * listing of every group is {@code COUNT} reads. The count is part of the stored layout: instances
 * that disagreed on it would keep one group in two places, so it is a constant, not a setting.
 */
final class GroupShards {

    /** Shard records; a change of this number is a change of the stored layout. */
    static final int COUNT = 64;

    private static final String KEY_PREFIX = "groups/";

    private GroupShards() {
    }

    static int of(String group) {
        CRC32 crc = new CRC32();
        crc.update(group.getBytes(StandardCharsets.US_ASCII));
        return (int) (crc.getValue() % COUNT);
    }

    static String key(int shard) {
        return KEY_PREFIX + shard;
    }
}

package io.leaderlatch.election;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The stored heartbeat of one service instance, key {@code instance/<id>}. Only the instance
 * itself writes it; other instances read it to tell whether it is alive, and delete it once they
 * have seen its heartbeat stand still for a full lease.
 *
 * <pre>
 * leader-latch-instance 1
 * heartbeat 42
 * lease-ms 10000
 * </pre>
 *
 * @param heartbeat grows by one at every renewal
 * @param lease the lease the instance runs with; observers wait at least this long
 */
record InstanceRecord(long heartbeat, Duration lease) {

    private static final String HEADER = "leader-latch-instance 1";

    static String key(String instanceId) {
        return "instance/" + instanceId;
    }

    byte[] encode() {
        return (HEADER + "\nheartbeat " + heartbeat + "\nlease-ms " + lease.toMillis() + "\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Parses a stored record; throws {@link IllegalArgumentException} for anything else. */
    static InstanceRecord decode(byte[] bytes) {
        String[] lines = new String(bytes, StandardCharsets.US_ASCII).split("\n");
        if (lines.length != 3 || !lines[0].equals(HEADER) || !lines[1].startsWith("heartbeat ")
                || !lines[2].startsWith("lease-ms ")) {
            throw new IllegalArgumentException("not a leader-latch instance record");
        }
        return new InstanceRecord(Long.parseLong(lines[1].substring("heartbeat ".length())),
                Duration.ofMillis(Long.parseLong(lines[2].substring("lease-ms ".length()))));
    }
}

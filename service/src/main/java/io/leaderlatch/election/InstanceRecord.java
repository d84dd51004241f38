package io.leaderlatch.election;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The stored heartbeat of one service instance, key {@code instance/<id>}. Only the instance
 * itself writes it; other instances read it to tell whether it is alive, and delete it once they
 * have seen its heartbeat stand still for a full lease.
 *
 * <pre>
 * leader-latch-instance 1
 * heartbeat 42
 * lease-ms 10000
 * hints 10.0.0.1:5324
 * </pre>
 *
 * <p>The {@code hints} line is there only while the instance takes change hints; records without
 * it (written with hints switched off, or by versions before hints) are read as taking none. Lines
 * after the first three that this version does not know are skipped, so later versions can add
 * more.
 *
 * @param heartbeat grows by one at every renewal
 * @param lease the lease the instance runs with; observers wait at least this long
 * @param hints where the instance takes change hints ({@link HintTransport#address()})
 */
record InstanceRecord(long heartbeat, Duration lease, Optional<String> hints) {

    private static final String HEADER = "leader-latch-instance 1";
    private static final String HINTS = "hints ";

    static String key(String instanceId) {
        return "instance/" + instanceId;
    }

    byte[] encode() {
        String text = HEADER + "\nheartbeat " + heartbeat + "\nlease-ms " + lease.toMillis() + "\n"
                + hints.map(address -> HINTS + address + "\n").orElse("");
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Parses a stored record; throws {@link IllegalArgumentException} for anything else. */
    static InstanceRecord decode(byte[] bytes) {
        String[] lines = new String(bytes, StandardCharsets.US_ASCII).split("\n");
        if (lines.length < 3 || !lines[0].equals(HEADER) || !lines[1].startsWith("heartbeat ")
                || !lines[2].startsWith("lease-ms ")) {
            throw new IllegalArgumentException("not a leader-latch instance record");
        }
        Optional<String> hints = Optional.empty();
        for (int i = 3; i < lines.length; i++) {
            if (lines[i].startsWith(HINTS) && lines[i].length() > HINTS.length()) {
                hints = Optional.of(lines[i].substring(HINTS.length()));
            }
        }
        return new InstanceRecord(Long.parseLong(lines[1].substring("heartbeat ".length())),
                Duration.ofMillis(Long.parseLong(lines[2].substring("lease-ms ".length()))), hints);
    }
}

package io.leaderlatch.load;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/** The hostile behaviours of issue 5, each started by {@link #start}. */
enum Attack {

    RANDOM_BYTES("random-bytes", "random bytes, 64 KiB at a time"),
    NUL("nul", "lines of NUL bytes"),
    NON_ASCII("non-ascii", "JOIN lines with UTF-8 names"),
    LONG_LINE("long-line", "a 1 MiB line, over and over"),
    ENDLESS_LINE("endless-line", "a line that never ends"),
    PIPELINED("pipelined", "JOIN, then 10,000 pipelined JOINs at a time"),
    NEVER_READS("never-reads", "JOIN, then bad lines without reading an answer"),
    SILENT("silent", "connections that never send JOIN"),
    FLOOD("flood", "more connections from one address than its limit");

    /** Connections of each attack that streams bytes. */
    static final int STREAMS = 4;
    /** Connections a flood opens beyond the per-address limit. */
    static final int FLOOD_EXCESS = 200;

    private final String key;
    private final String description;

    Attack(String key, String description) {
        this.key = key;
        this.description = description;
    }

    String key() {
        return key;
    }

    String description() {
        return description;
    }

    /** Starts the attack on {@code server} from the local address {@code from}. */
    Attacker start(InetSocketAddress server, InetAddress from, LoadOptions options) {
        StreamAttacker.Target target = new StreamAttacker.Target(server, from, STREAMS);
        return switch (this) {
            case RANDOM_BYTES -> StreamAttacker.start(target, cycle -> new byte[0], noise(), StreamAttacker.Evidence.ERRORS);
            case NUL -> StreamAttacker.start(target, cycle -> new byte[0], repeated("\0\0\0\0\0\0\0\0\n"),
                    StreamAttacker.Evidence.ERRORS);
            case NON_ASCII -> StreamAttacker.start(target, cycle -> new byte[0], repeated("JOIN gr\u00fcppe na\u00efve\n"),
                    StreamAttacker.Evidence.ERRORS);
            case LONG_LINE -> StreamAttacker.start(target, cycle -> new byte[0],
                    ("x".repeat(1 << 20) + "\n").getBytes(StandardCharsets.US_ASCII), StreamAttacker.Evidence.CLOSED);
            case ENDLESS_LINE -> StreamAttacker.start(target, cycle -> new byte[0], repeated("x"),
                    StreamAttacker.Evidence.CLOSED);
            case PIPELINED -> StreamAttacker.start(target, cycle -> ascii("JOIN attack-pipelined p" + cycle + "\n"),
                    ascii("JOIN attack-pipelined again\n".repeat(10_000)), StreamAttacker.Evidence.ANSWERS);
            case NEVER_READS -> StreamAttacker.start(target, cycle -> ascii("JOIN attack-never-reads r" + cycle + "\n"),
                    repeated("bad\n"), StreamAttacker.Evidence.STALLED);
            case SILENT -> HeldConnections.start(server, from, options.silent(), false);
            case FLOOD -> HeldConnections.start(server, from, options.addressLimit() + FLOOD_EXCESS, true);
        };
    }

    static List<Attack> parse(String value) {
        if (value.equals("all")) {
            return List.of(values());
        }
        if (value.equals("none")) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).map(Attack::byKey).toList();
    }

    static String keys() {
        return Arrays.stream(values()).map(Attack::key).collect(Collectors.joining(","));
    }

    private static Attack byKey(String key) {
        return Arrays.stream(values()).filter(attack -> attack.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--attacks: unknown attack '" + key + "'; attacks: " + keys()));
    }

    private static byte[] noise() {
        byte[] noise = new byte[64 * 1024];
        new Random(5).nextBytes(noise);
        return noise;
    }

    /** {@code unit} repeated to fill 8 KiB, written in one go. */
    private static byte[] repeated(String unit) {
        byte[] bytes = unit.getBytes(StandardCharsets.UTF_8);
        return repeat(bytes, Math.max(1, 8192 / bytes.length));
    }

    private static byte[] repeat(byte[] unit, int times) {
        byte[] out = new byte[unit.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(unit, 0, out, i * unit.length, unit.length);
        }
        return out;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

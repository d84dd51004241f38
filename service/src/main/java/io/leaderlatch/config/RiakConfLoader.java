package io.leaderlatch.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what the service needs from a riak.conf file: every {@code listener.leader_latch.<name>},
 * every {@code listener.protobuf.<name>} and {@code nodename}. Every other line is checked for
 * {@code key = value} syntax and otherwise ignored.
 *
 * <p>HOCON cannot read riak.conf ({@code ip:port} unquoted, cuttlefish comments), hence this small
 * parser of cuttlefish's syntax.
 */
public final class RiakConfLoader {

    static final String LEADER_LATCH = "leader_latch";
    static final String PROTOBUF = "protobuf";
    /**
     * The key prefix of the service's listeners, {@code listener.leader_latch}; the cuttlefish
     * schema in {@code conf/leader_latch.schema} declares the same keys for Riak.
     */
    static final String LEADER_LATCH_LISTENERS = listenerPrefix(LEADER_LATCH);

    private RiakConfLoader() {
    }

    /**
     * Reads and checks {@code file}.
     *
     * @throws ConfigException naming the file, the line and the problem
     */
    public static RiakConf load(Path file) {
        List<String> lines = read(file);
        Listeners leaderLatch = new Listeners(LEADER_LATCH);
        Listeners protobuf = new Listeners(PROTOBUF);
        Optional<String> nodename = Optional.empty();
        for (int i = 0; i < lines.size(); i++) {
            Optional<ConfLine> parsed = ConfLine.parse(lines.get(i), new ConfOrigin(file, i + 1));
            if (parsed.isEmpty()) {
                continue;
            }
            ConfLine line = parsed.get();
            String[] segments = line.segments();
            if (line.key().equals("nodename")) {
                nodename = Optional.of(line.value()); // the last one wins, as in cuttlefish
            } else if (isListener(segments, LEADER_LATCH)) {
                leaderLatch.add(line);
            } else if (isListener(segments, PROTOBUF)) {
                protobuf.add(line);
            }
        }
        if (leaderLatch.isEmpty()) {
            throw new ConfigException(file + ": no listener.leader_latch.<name> = <ip>:<port> line; add one,"
                    + " e.g. listener.leader_latch.internal = 127.0.0.1:5323");
        }
        return new RiakConf(file, leaderLatch.specs(), protobuf.specs(), nodename);
    }

    private static String listenerPrefix(String family) {
        return "listener." + family;
    }

    private static boolean isListener(String[] segments, String family) {
        return segments.length >= 2 && segments[0].equals("listener") && segments[1].equals(family);
    }

    private static List<String> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": file not found", e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e, e);
        }
        // Decoding with the String constructor replaces bytes that are not UTF-8 instead of failing;
        // riak.conf is ASCII in practice, and a stray byte in an ignored comment must not matter.
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return text.lines().toList();
    }

    /** The listeners of one family, e.g. {@code listener.leader_latch}, by name in file order. */
    private static final class Listeners {

        private final String prefix;
        private final Map<String, ListenerSpec> byName = new LinkedHashMap<>();

        Listeners(String family) {
            this.prefix = listenerPrefix(family);
        }

        void add(ConfLine line) {
            String[] segments = line.segments();
            if (segments.length != 3) {
                throw ConfigException.at(line.origin(), "expected " + prefix + ".<name> = <ip>:<port>, with <name>"
                        + " a single word such as internal, but found key '" + line.key() + "'");
            }
            String name = segments[2];
            ListenerSpec earlier = byName.get(name);
            if (earlier != null) {
                // cuttlefish would let the last one win; for listeners that silently drops an address.
                throw ConfigException.at(line.origin(), line.key() + " is already set at " + earlier.origin());
            }
            byName.put(name, ListenerAddress.parse(line.key(), name, line.value(), line.origin()));
        }

        boolean isEmpty() {
            return byName.isEmpty();
        }

        List<ListenerSpec> specs() {
            return new ArrayList<>(byName.values());
        }
    }
}

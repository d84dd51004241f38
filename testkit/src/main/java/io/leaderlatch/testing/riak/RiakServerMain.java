package io.leaderlatch.testing.riak;

import io.leaderlatch.testing.riak.RequestLatency;
import io.leaderlatch.testing.riak.RiakTestCluster;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Collectors;

/**
 * The Riak protocol test cluster in a JVM of its own, its nodes answering with Riak-like latency:
 * {@code NODES GET_MS CREATE_MS UPDATE_MS [BIND_HOST]} (127.0.0.1 unless given). Prints
 * {@code ENDPOINTS <port> ...} once it listens, answers {@code GET <type> <bucket> <key>} on standard
 * input with {@code VALUE <base64>} or {@code NONE}, and
 * stops when its standard input ends.
 */
public final class RiakServerMain {

    public static final String ENDPOINTS = "ENDPOINTS ";

    private RiakServerMain() {
    }

    public static void main(String[] args) throws Exception {
        RequestLatency latency = new RequestLatency(millis(args[1]), millis(args[2]), millis(args[3]), Duration.ZERO);
        String bindHost = args.length > 4 ? args[4] : "127.0.0.1";
        try (RiakTestCluster cluster = RiakTestCluster.start(Integer.parseInt(args[0]), bindHost)) {
            cluster.nodes().forEach(node -> node.latency(latency));
            System.out.println(ENDPOINTS + cluster.endpoints().stream()
                    .map(InetSocketAddress::getPort).map(String::valueOf).collect(Collectors.joining(" ")));
            System.out.flush();
            // Commands on standard input, for a caller that cannot reach the nodes (they run in a
            // test host of their own): GET <type> <bucket> <key> prints VALUE <base64> or NONE.
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            for (String line = commands.readLine(); line != null; line = commands.readLine()) {
                String[] words = line.split(" ");
                if (words.length == 4 && words[0].equals("GET")) {
                    System.out.println(cluster.value(words[1], words[2], words[3])
                            .map(value -> "VALUE " + Base64.getEncoder().encodeToString(value)).orElse("NONE"));
                    System.out.flush();
                }
            }
        }
        System.exit(0);
    }

    private static Duration millis(String value) {
        return Duration.ofNanos(Math.round(Double.parseDouble(value) * 1e6));
    }
}

package io.leaderlatch.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The main class of a client process: a JVM of its own holding several {@link ChaosClient}s, so
 * that killing it (SIGKILL) ends them all as a crashed program would. Takes commands on standard
 * input, {@code JOIN <client> <group> <port> [<host>]} (host 127.0.0.1 unless given) and
 * {@code CLOSE <client>} and {@code RESET <client>}, and reports every {@link Entry} on standard output in its
 * {@link Entry#encode() line form}. Run inside a test host's network namespace, its clients live on
 * that host's addresses.
 *
 * <p>Argument: the probe period in milliseconds.
 */
public final class ClientProcess {

    private ClientProcess() {
    }

    public static void main(String[] args) throws IOException {
        Duration probeEvery = Duration.ofMillis(Long.parseLong(args[0]));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.US_ASCII);
        ClientSink sink = entry -> {
            synchronized (out) {
                out.println(entry.encode());
            }
        };
        ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        Map<String, ChaosClient> clients = new HashMap<>();
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.split(" ");
            if (words[0].equals("JOIN")) {
                String host = words.length > 4 ? words[4] : "127.0.0.1";
                ChaosClient client = new ChaosClient(words[1], words[2],
                        new InetSocketAddress(host, Integer.parseInt(words[3])), sink, prober, probeEvery);
                clients.put(words[1], client);
                client.start();
            } else if (words[0].equals("CLOSE") && clients.containsKey(words[1])) {
                clients.get(words[1]).close();
            } else if (words[0].equals("RESET") && clients.containsKey(words[1])) {
                clients.get(words[1]).reset();
            }
        }
        // The harness went away: end like a killed process would.
        Runtime.getRuntime().halt(0);
    }
}

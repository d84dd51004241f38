package io.leaderlatch.client;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;

/**
 * {@code leader-latch join}: a member on the command line. Joins GROUP as CLIENT, prints every
 * change it sees with a timestamp, and keeps reconnecting until interrupted (Ctrl-C), which
 * leaves the group.
 */
public final class JoinCommand {

    static final String DEFAULT_ENDPOINTS = "127.0.0.1:5323";
    private static final String USAGE = """
            usage: join GROUP CLIENT [--endpoints HOST:PORT[,HOST:PORT...]]
              Joins GROUP as CLIENT and prints each change with a timestamp: "leader NAME" when the
              service names a leader, "leader none" while not connected, "leading" once this member's
              leadership is confirmed and "not leading" when it ends. Reconnects until Ctrl-C.
              --endpoints   the services to use, in turn (default %s); [v6-address]:port for IPv6
            """.formatted(DEFAULT_ENDPOINTS);

    private JoinCommand() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> arguments = List.of(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.print(USAGE);
            return;
        }
        Printer printer = new Printer(System.out);
        LeaderLatch latch;
        try {
            latch = latchFor(arguments, printer);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("join: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            latch.close();
            printer.print("left the group");
        }, "leader-latch-join-shutdown"));
        latch.start();
        // The latch's threads are daemons: this one keeps the JVM alive until a signal ends it.
        new CountDownLatch(1).await();
    }

    static LeaderLatch latchFor(List<String> arguments, LeaderLatchListener listener) {
        String endpoints = DEFAULT_ENDPOINTS;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("--endpoints")) {
                if (i + 1 == arguments.size()) {
                    throw new IllegalArgumentException("--endpoints needs a value");
                }
                endpoints = arguments.get(++i);
            } else if (argument.startsWith("--")) {
                throw new IllegalArgumentException("unknown flag " + argument);
            } else {
                names.add(argument);
            }
        }
        if (names.size() != 2) {
            throw new IllegalArgumentException("expected GROUP and CLIENT, got " + names.size() + " name(s)");
        }
        return LeaderLatch.builder(names.get(0), names.get(1)).endpoints(endpoints).listener(listener).build();
    }

    /** Prints each change as one line, ISO-8601 UTC timestamp first. */
    record Printer(PrintStream out) implements LeaderLatchListener {

        @Override
        public void leadershipGained(OptionalLong term) {
            print("leading" + inTerm(term));
        }

        @Override
        public void leadershipLost() {
            print("not leading");
        }

        @Override
        public void leaderChanged(Optional<String> leader, OptionalLong term) {
            print("leader " + leader.orElse("none") + inTerm(term));
        }

        private static String inTerm(OptionalLong term) {
            return term.isPresent() ? " (term " + term.getAsLong() + ")" : "";
        }

        private void print(String what) {
            out.println(Instant.now() + " " + what);
            out.flush();
        }
    }
}

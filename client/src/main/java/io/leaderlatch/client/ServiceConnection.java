package io.leaderlatch.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * One connection to one service endpoint, from connect to close, run on the latch's connection
 * thread: asks for terms ({@code TERMS}, which a service too old for them answers {@code ERROR}),
 * sends the JOIN, reads the service's lines, and re-sends the JOIN as a confirmation
 * (answered {@code ALREADY_JOINED}) every quarter window while named leader and every window
 * otherwise, the window being the one in use (never longer than the service's fence margin: the
 * service drops a member that asked for terms and then leaves twice the margin between
 * confirmations). A request left unanswered for three windows ends the connection. All reads and
 * writes happen on the one thread, so the socket needs no lock.
 */
final class ServiceConnection {

    private final LatchOptions options;
    private final Leadership leadership;
    private final SocketSlot slot;
    private static final byte[] TERMS_LINE = "TERMS\n".getBytes(StandardCharsets.US_ASCII);

    private final byte[] joinLine;
    /** Send times of the JOINs not answered yet, oldest first; answers come in the same order. */
    private final Deque<Long> unanswered = new ArrayDeque<>();
    private boolean joined;
    /** The answer to TERMS has not come yet: it comes before any answer to the JOIN. */
    private boolean awaitingTerms;
    private long lastSentAt;

    ServiceConnection(LatchOptions options, Leadership leadership, SocketSlot slot) {
        this.options = options;
        this.leadership = leadership;
        this.slot = slot;
        this.joinLine = ("JOIN " + options.group() + " " + options.client() + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    SessionEnd run(InetSocketAddress endpoint) {
        Socket socket = slot.open();
        if (socket == null) {
            return new SessionEnd.Closed();
        }
        try {
            InetSocketAddress address = endpoint.isUnresolved()
                    ? new InetSocketAddress(endpoint.getHostString(), endpoint.getPort())
                    : endpoint;
            if (address.isUnresolved()) {
                return new SessionEnd.Unreachable("cannot resolve " + endpoint.getHostString());
            }
            try {
                socket.connect(address, (int) options.connectTimeout().toMillis());
            } catch (IOException e) {
                return slot.isClosed() ? new SessionEnd.Closed() : new SessionEnd.Unreachable(describe(e));
            }
            try {
                return converse(socket);
            } catch (IOException e) {
                return slot.isClosed() ? new SessionEnd.Closed() : new SessionEnd.Dropped(describe(e), joined);
            }
        } finally {
            slot.release(socket);
        }
    }

    private SessionEnd converse(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        int tickMillis = tickMillis(leadership.window().toNanos());
        socket.setSoTimeout(tickMillis);
        OutputStream out = socket.getOutputStream();
        LineReader reader = new LineReader(socket.getInputStream());
        out.write(TERMS_LINE);
        awaitingTerms = true;
        send(out);
        while (true) {
            Optional<String> line = reader.next();
            long now = System.nanoTime();
            if (line.isPresent()) {
                SessionEnd end = handle(ServiceLine.parse(line.get()), now, out);
                if (end != null) {
                    return end;
                }
            }
            leadership.tick(now);
            long window = leadership.window().toNanos();
            if (tickMillis(window) != tickMillis) {
                // The service's fence margin shortened the window: look at the timers as often.
                tickMillis = tickMillis(window);
                socket.setSoTimeout(tickMillis);
            }
            // A request unanswered for three windows: the service is gone or hung.
            if (!unanswered.isEmpty() && now - unanswered.peekFirst() > 3 * window) {
                return new SessionEnd.Dropped("no answer within " + 3 * window / 1_000_000 + " ms", joined);
            }
            // A leader confirms four times per window, so that one lost answer costs nothing.
            long interval = leadership.named() ? window / 4 : window;
            if (joined && now - lastSentAt >= interval) {
                send(out);
            }
        }
    }

    /** Acts on one line; a non-null result ends the connection. */
    private SessionEnd handle(ServiceLine line, long now, OutputStream out) throws IOException {
        if (awaitingTerms) {
            awaitingTerms = false;
            if (line instanceof ServiceLine.Terms terms) {
                leadership.serviceFenceMargin(Duration.ofMillis(terms.fenceMarginMillis()));
                return null;
            }
            if (line instanceof ServiceLine.Unexpected unexpected && unexpected.line().strip().equals("ERROR")) {
                return null; // a service from before terms: it still answers the JOIN, without them
            }
        }
        if (line instanceof ServiceLine.Leader leader) {
            if (!joined) {
                joined = true;
                unanswered.removeFirst();
            }
            leadership.leaderIs(leader.name(), leader.term(), now);
            if (leader.name().equals(options.client())) {
                // Confirm at once: leadership counts only from a confirmation sent after this line.
                send(out);
            }
            return null;
        }
        if (line instanceof ServiceLine.AlreadyJoined answer) {
            if (!joined || unanswered.isEmpty()) {
                return new SessionEnd.Dropped("ALREADY_JOINED that answers no confirming JOIN", joined);
            }
            if (!answer.group().equals(options.group()) || !answer.client().equals(options.client())) {
                return new SessionEnd.Dropped("the service holds membership " + answer.group() + " "
                        + answer.client() + " on this connection, not " + options.member(), joined);
            }
            leadership.confirmedAt(unanswered.removeFirst(), now);
            return null;
        }
        if (line instanceof ServiceLine.JoinFailed failed) {
            return new SessionEnd.Refused(failed.reason());
        }
        return new SessionEnd.Dropped("unexpected line from the service: '" + ((ServiceLine.Unexpected) line).line() + "'",
                joined);
    }

    /** How long one blocking read waits before the timers are looked at: 20 times a window. */
    private static int tickMillis(long windowNanos) {
        return (int) Math.max(1, windowNanos / 20 / 1_000_000);
    }

    private void send(OutputStream out) throws IOException {
        long sentAt = System.nanoTime();
        unanswered.addLast(sentAt);
        lastSentAt = sentAt;
        out.write(joinLine);
        out.flush();
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}

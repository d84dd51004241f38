package io.leaderlatch.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Well-behaved clients that join at a steady rate while an attack runs: each opens a connection,
 * sends {@code JOIN probe-<i> <name>} to a group whose leader (an anchor member) stays connected,
 * times until {@code LEADER <anchor>} arrives, and closes. Any other answer, a closed connection, or
 * no answer within {@link #ANSWER_TIMEOUT_MS} is an error.
 */
final class JoinProbes {

    static final int ANSWER_TIMEOUT_MS = 30_000;
    private static final int THREADS = 2;
    /** Probe names, unique in the run: a name may still be in use while its last connection's departure is written. */
    private static final AtomicLong NAMES = new AtomicLong();

    private final InetSocketAddress server;
    private final List<String> anchors;
    private final long periodNanos;
    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<Long> joins = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> connects = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;

    /** What the probes saw: join times (JOIN sent to LEADER read), connect times, and every error. */
    record Result(Latency joins, Latency connects, List<String> errors) {
    }

    private JoinProbes(InetSocketAddress server, List<String> anchors, int rate) {
        this.server = server;
        this.anchors = anchors;
        this.periodNanos = 1_000_000_000L * THREADS / rate;
    }

    /** Starts probing; {@code anchors.get(i)} leads group {@code probe-<i>}. */
    static JoinProbes start(InetSocketAddress server, List<String> anchors, int rate) {
        JoinProbes probes = new JoinProbes(server, anchors, rate);
        for (int i = 0; i < THREADS; i++) {
            int index = i;
            Thread thread = new Thread(() -> probes.probe(index), "join-probe-" + i);
            thread.setDaemon(true);
            probes.threads.add(thread);
            thread.start();
        }
        return probes;
    }

    static String group(int index) {
        return "probe-" + index;
    }

    private void probe(int index) {
        long next = System.nanoTime() + periodNanos * index / THREADS;
        while (running) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            next += periodNanos;
            long n = NAMES.getAndIncrement();
            int group = (int) (n % anchors.size());
            joinOnce(group(group), "p" + n, anchors.get(group));
        }
    }

    private void joinOnce(String group, String name, String leader) {
        try (Socket socket = new Socket()) {
            long start = System.nanoTime();
            socket.connect(server, ANSWER_TIMEOUT_MS);
            socket.setSoTimeout(ANSWER_TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            long sent = System.nanoTime();
            socket.getOutputStream().write(("JOIN " + group + " " + name + "\n").getBytes(StandardCharsets.US_ASCII));
            String answer = readLine(socket.getInputStream());
            long answered = System.nanoTime();
            if (!answer.equals("LEADER " + leader)) {
                errors.add(name + " joining " + group + " was answered '" + answer + "', not 'LEADER " + leader + "'");
                return;
            }
            connects.add(sent - start);
            joins.add(answered - sent);
        } catch (IOException e) {
            errors.add(name + " joining " + group + ": " + e);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.isEmpty() ? "(connection closed)" : line + " (connection closed)";
            }
            line.append((char) b);
        }
        return line.toString();
    }

    /** Stops probing once the joins under way have their answers. */
    Result stop() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(ANSWER_TIMEOUT_MS + 10_000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new Result(Latency.of(toArray(joins)), Latency.of(toArray(connects)), List.copyOf(errors));
    }

    private static long[] toArray(ConcurrentLinkedQueue<Long> samples) {
        return samples.stream().mapToLong(Long::longValue).toArray();
    }
}

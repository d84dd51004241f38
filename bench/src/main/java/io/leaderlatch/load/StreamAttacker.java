package io.leaderlatch.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongFunction;

/**
 * Attacks that write a byte stream: a few connections, each of which writes its opening bytes once
 * and then one chunk over and over, as fast as the service takes them, reconnecting whenever the
 * service closes it. One thread per connection writes; unless the attack is one that never reads,
 * another reads and counts the answers.
 */
final class StreamAttacker implements Attacker {

    /** What shows that the service saw the attack. */
    enum Evidence {
        /** It answered {@code ERROR}. */
        ERRORS,
        /** It answered at all (pipelined commands). */
        ANSWERS,
        /** It closed the connection (a line over the cap). */
        CLOSED,
        /** It stopped reading: a writer that never reads stood still (the service's back-pressure). */
        STALLED
    }

    /** Where the attack goes, where it comes from, and on how many connections. */
    record Target(InetSocketAddress server, InetAddress from, int connections) {
    }

    /** A writer that has not written for this long when the attack stops counts as stalled. */
    private static final long STALL_NANOS = 250_000_000L;
    /** How long a stop waits for every writer to stall, at most. */
    private static final long STALL_WAIT_NANOS = 10_000_000_000L;
    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private final Target target;
    private final LongFunction<byte[]> opening;
    private final byte[] chunk;
    private final Evidence evidence;
    private final List<Thread> threads = new ArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLongArray lastWrite;
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong closedByService = new AtomicLong();
    private final AtomicLong connectFailures = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong otherAnswers = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong cycles = new AtomicLong();
    private volatile boolean running = true;

    private StreamAttacker(Target target, LongFunction<byte[]> opening, byte[] chunk, Evidence evidence) {
        this.target = target;
        this.opening = opening;
        this.chunk = chunk;
        this.evidence = evidence;
        this.lastWrite = new AtomicLongArray(target.connections());
    }

    /** Starts the connections; {@code opening} gets a number unique to each new connection. */
    static StreamAttacker start(Target target, LongFunction<byte[]> opening, byte[] chunk, Evidence evidence) {
        StreamAttacker attacker = new StreamAttacker(target, opening, chunk, evidence);
        for (int i = 0; i < target.connections(); i++) {
            int index = i;
            Thread writer = new Thread(() -> attacker.attack(index), "attack-" + i);
            writer.setDaemon(true);
            attacker.threads.add(writer);
            writer.start();
        }
        return attacker;
    }

    private void attack(int index) {
        while (running) {
            Socket socket = new Socket();
            boolean connected = false;
            try {
                socket.bind(new InetSocketAddress(target.from(), 0));
                socket.connect(target.server(), CONNECT_TIMEOUT_MS);
                connected = true;
                open.add(socket);
                connections.incrementAndGet();
                if (evidence != Evidence.STALLED) {
                    startReader(socket);
                }
                OutputStream out = socket.getOutputStream();
                out.write(opening.apply(cycles.getAndIncrement()));
                while (running) {
                    lastWrite.set(index, System.nanoTime());
                    out.write(chunk);
                    bytesSent.addAndGet(chunk.length);
                }
            } catch (IOException e) {
                if (running && connected) {
                    closedByService.incrementAndGet();
                } else if (running) {
                    connectFailures.incrementAndGet();
                    pause();
                }
            } finally {
                open.remove(socket);
                closeQuietly(socket);
            }
        }
    }

    private void startReader(Socket socket) {
        Thread reader = new Thread(() -> countAnswers(socket), "attack-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Counts the lines the service answers, {@code ERROR} apart from the rest, until the socket ends. */
    private void countAnswers(Socket socket) {
        byte[] buffer = new byte[64 * 1024];
        StringBuilder line = new StringBuilder();
        try (InputStream in = socket.getInputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != '\n') {
                        line.append((char) buffer[i]);
                        continue;
                    }
                    (line.toString().equals("ERROR") ? errors : otherAnswers).incrementAndGet();
                    line.setLength(0);
                }
            }
        } catch (IOException e) {
            // The connection ended; its writer counts how.
        }
    }

    @Override
    public Effect stop() {
        int stalled = stalled();
        // Writers that never read stall once the service stops reading them and the socket buffers
        // between are full; on a slow machine that may take longer than a short attack.
        long deadline = System.nanoTime() + STALL_WAIT_NANOS;
        while (evidence == Evidence.STALLED && stalled < target.connections() && System.nanoTime() < deadline) {
            AttackPhase.pause(Duration.ofMillis(50));
            stalled = stalled();
        }
        running = false;
        open.forEach(StreamAttacker::closeQuietly);
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String description = String.format(Locale.ROOT,
                "%,d connections, %,d closed by the service, %,d ERROR and %,d other answers read, %.1f MiB written%s%s",
                connections.get(), closedByService.get(), errors.get(), otherAnswers.get(), bytesSent.get() / 1048576.0,
                evidence == Evidence.STALLED ? String.format(Locale.ROOT, ", %d of %d writers stalled", stalled,
                        target.connections()) : "",
                connectFailures.get() > 0 ? ", " + connectFailures.get() + " connects failed" : "");
        boolean tookEffect = switch (evidence) {
            case ERRORS -> errors.get() > 0;
            case ANSWERS -> otherAnswers.get() > 0;
            case CLOSED -> closedByService.get() > 0;
            case STALLED -> stalled == target.connections();
        };
        return new Effect(description, tookEffect);
    }

    /** Writers that have been in one write for longer than {@link #STALL_NANOS}. */
    private int stalled() {
        long now = System.nanoTime();
        int stalled = 0;
        for (int i = 0; i < lastWrite.length(); i++) {
            long last = lastWrite.get(i);
            if (last != 0 && now - last > STALL_NANOS) {
                stalled++;
            }
        }
        return stalled;
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing: nothing more to learn from this socket.
        }
    }
}

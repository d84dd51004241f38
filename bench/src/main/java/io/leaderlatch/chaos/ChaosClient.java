package io.leaderlatch.chaos;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jdk.net.ExtendedSocketOptions;

/**
 * One member over a real socket, recorded as {@code name} (its actor, {@link Entry}) and joining
 * under {@link Entry#clientName}: sends {@code JOIN}, records every line it receives on its own
 * thread, and once answered re-sends the {@code JOIN} every {@code probeEvery} to have its
 * membership confirmed ({@code ALREADY_JOINED}). Each send is recorded just before it is written,
 * each line just after it is read, so the stamps bound what the client knew.
 *
 * <p>TCP keepalive is on, as the instances have it ({@link ChaosOptions#KEEPALIVE_IDLE}; docs/protocol.md,
 * "When the connection is lost"): a client that waits for its JOIN's answer sends nothing, so without it, a connection the
 * service gave up while this client's host was gone (its answer unacknowledged for the TCP user
 * timeout) would look open to the client for ever, with no answer ever to come.
 */
final class ChaosClient {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final String name;
    private final String group;
    private final InetSocketAddress address;
    private final ClientSink sink;
    private final ScheduledExecutorService prober;
    private final Duration probeEvery;
    private final Socket socket = new Socket();
    private volatile boolean closing;
    private volatile boolean ended;
    private ScheduledFuture<?> probes;

    ChaosClient(String name, String group, InetSocketAddress address, ClientSink sink,
                ScheduledExecutorService prober, Duration probeEvery) {
        this.name = name;
        this.group = group;
        this.address = address;
        this.sink = sink;
        this.prober = prober;
        this.probeEvery = probeEvery;
    }

    String name() {
        return name;
    }

    /** True once the connection is over, whoever ended it. */
    boolean ended() {
        return ended || closing;
    }

    /** Connects and sends the JOIN on a thread of the client's own, which then reads until the end. */
    void start() {
        start(new CountDownLatch(0));
    }

    /**
     * As {@link #start()}, but sends the JOIN only once {@code together} has been counted down by
     * every client of a burst (each counts it down once connected), so their JOINs race.
     */
    void start(CountDownLatch together) {
        Thread reader = new Thread(() -> run(together), "chaos-client-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Closes with a FIN; leadership ends at this call. */
    void close() {
        end(false);
    }

    /** Closes with a reset (SO_LINGER 0), as a crashed client's kernel may. */
    void reset() {
        end(true);
    }

    private void end(boolean reset) {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            sink.record(new Entry(System.nanoTime(), name, Entry.Kind.CLOSING, reset ? "reset" : "close"));
        }
        try {
            if (reset) {
                socket.setSoLinger(true, 0);
            }
            socket.close();
        } catch (IOException e) {
            // Closing a socket that already failed: the connection is over either way.
        }
    }

    private void run(CountDownLatch together) {
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, Math.toIntExact(ChaosOptions.KEEPALIVE_IDLE.toSeconds()));
            socket.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL,
                    Math.toIntExact(ChaosOptions.KEEPALIVE_INTERVAL.toSeconds()));
            socket.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, ChaosOptions.KEEPALIVE_COUNT);
            try {
                socket.connect(address, CONNECT_TIMEOUT_MILLIS);
            } finally {
                together.countDown();
            }
            awaitOthers(together);
            send(Entry.Kind.JOIN_SENT);
            read(socket.getInputStream());
        } catch (IOException e) {
            // A reset, a refused connection, or our own close: all end the connection.
        }
        stopProbing();
        sink.record(new Entry(System.nanoTime(), name, Entry.Kind.EOF, closing ? "after close" : "by service"));
        ended = true;
    }

    private static void awaitOthers(CountDownLatch together) {
        try {
            together.await(CONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = line.toString(StandardCharsets.ISO_8859_1);
            line.reset();
            sink.record(new Entry(System.nanoTime(), name, Entry.Kind.LINE, text));
            if (text.startsWith("LEADER ")) {
                startProbing();
            }
        }
    }

    private synchronized void startProbing() {
        if (probes == null && !closing) {
            long every = probeEvery.toNanos();
            probes = prober.scheduleAtFixedRate(this::probe, every, every, TimeUnit.NANOSECONDS);
        }
    }

    private synchronized void stopProbing() {
        if (probes != null) {
            probes.cancel(false);
        }
    }

    private void probe() {
        try {
            send(Entry.Kind.PROBE_SENT);
        } catch (IOException e) {
            stopProbing(); // the reader sees the end and records it
        }
    }

    /** Records and writes one JOIN; synchronized so that no send is recorded after CLOSING. */
    private synchronized void send(Entry.Kind kind) throws IOException {
        if (closing) {
            return;
        }
        String join = "JOIN " + group + " " + Entry.clientName(name);
        sink.record(new Entry(System.nanoTime(), name, kind, join));
        OutputStream out = socket.getOutputStream();
        out.write((join + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}

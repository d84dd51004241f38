package io.leaderlatch.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Locale;

/**
 * Connections that never send anything, all from one address, kept at a count: whichever the
 * service closes is opened again at once. Below the per-address limit they are connections that
 * never send JOIN (the service closes them after its join timeout); above it, a flood (the service
 * closes every one over the limit as soon as it accepts it, and the flood reconnects it at once).
 * One thread, one selector.
 */
final class HeldConnections implements Attacker {

    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private final InetSocketAddress server;
    private final InetAddress from;
    private final int count;
    private final boolean flood;
    private final Selector selector;
    private final Thread thread;
    private final ByteBuffer buffer = ByteBuffer.allocate(4096);
    private volatile boolean running = true;
    private int held;
    private volatile int mostHeld;
    private volatile long opened;
    private volatile long closedByService;
    private volatile long bytesReceived;
    private volatile String failure;

    private HeldConnections(InetSocketAddress server, InetAddress from, int count, boolean flood) throws IOException {
        this.server = server;
        this.from = from;
        this.count = count;
        this.flood = flood;
        this.selector = Selector.open();
        this.thread = new Thread(this::hold, flood ? "attack-flood" : "attack-silent");
        thread.setDaemon(true);
    }

    /** Opens {@code count} connections and keeps them at that; {@code flood}: more than the service admits. */
    static HeldConnections start(InetSocketAddress server, InetAddress from, int count, boolean flood) {
        try {
            HeldConnections attacker = new HeldConnections(server, from, count, flood);
            attacker.thread.start();
            return attacker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void hold() {
        try {
            while (running) {
                while (running && held < count) {
                    open();
                    if (held % 64 == 0) {
                        selector.selectNow();
                        reap();
                    }
                }
                selector.select(100);
                reap();
            }
        } catch (IOException e) {
            if (running) {
                failure = e.toString();
            }
        } finally {
            for (SelectionKey key : selector.keys()) {
                closeQuietly((SocketChannel) key.channel());
            }
            closeQuietly(selector);
        }
    }

    private void open() throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.bind(new InetSocketAddress(from, 0));
            channel.socket().connect(server, CONNECT_TIMEOUT_MS);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException e) {
            closeQuietly(channel);
            throw e;
        }
        opened++;
        held++;
        mostHeld = Math.max(mostHeld, held);
    }

    /** Closes, and counts, the connections the service has closed. */
    private void reap() {
        for (SelectionKey key : selector.selectedKeys()) {
            SocketChannel channel = (SocketChannel) key.channel();
            int read;
            try {
                buffer.clear();
                read = channel.read(buffer);
            } catch (IOException e) {
                read = -1;
            }
            if (read < 0) {
                key.cancel();
                closeQuietly(channel);
                held--;
                closedByService++;
            } else {
                bytesReceived += read;
            }
        }
        selector.selectedKeys().clear();
    }

    @Override
    public Effect stop() {
        running = false;
        selector.wakeup();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String description = String.format(Locale.ROOT, "%,d connections opened, at most %,d open at once, "
                + "%,d closed by the service%s%s", opened, mostHeld, closedByService,
                bytesReceived > 0 ? ", " + bytesReceived + " bytes received" : "",
                failure != null ? ", stopped early: " + failure : "");
        boolean tookEffect = failure == null && (flood ? closedByService > 0 : mostHeld == count);
        return new Effect(description, tookEffect);
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // Closing: nothing more to learn.
        }
    }
}

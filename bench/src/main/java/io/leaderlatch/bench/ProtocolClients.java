package io.leaderlatch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Raw protocol clients of the service, any number of them, on non-blocking sockets served by one
 * selector thread: a client costs a socket and a few objects, no thread. Completions of the
 * participants' futures run on that thread, so what depends on them must be short.
 */
public final class ProtocolClients implements AutoCloseable {

    private final Selector selector;
    private final Thread thread;
    private final Queue<ProtocolParticipant> toRegister = new ConcurrentLinkedQueue<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private volatile boolean running = true;

    public ProtocolClients() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::loop, "protocol-clients");
        thread.setDaemon(true);
        thread.start();
    }

    /** Connects to {@code server} and sends {@code JOIN group name} as soon as the connection is up. */
    ProtocolParticipant join(InetSocketAddress server, String group, String name) {
        return join(server, null, group, name);
    }

    /**
     * The same from the local address {@code from} (any port), e.g. one of 127.0.0.0/8, so that many
     * clients stand for several hosts; {@code null}: the system chooses.
     */
    public ProtocolParticipant join(InetSocketAddress server, InetAddress from, String group, String name) {
        try {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            if (from != null) {
                channel.bind(new InetSocketAddress(from, 0));
            }
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ProtocolParticipant participant = new ProtocolParticipant(group, name, channel);
            if (channel.connect(server)) {
                participant.sendJoin();
            }
            toRegister.add(participant);
            if (Thread.currentThread() != thread) {
                selector.wakeup();
            }
            return participant;
        } catch (IOException e) {
            throw new BenchFailure("cannot connect " + name + " to " + server + ": " + e, e);
        }
    }

    private void loop() {
        try {
            while (running) {
                selector.select();
                // Everything read in this round was there when select returned: stamped then, so
                // that a line is not reported late because this one thread read other sockets first
                // (each participant stands for a process of its own).
                long now = System.nanoTime();
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    serve(key, now);
                }
                register();
            }
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                throw new IllegalStateException("protocol clients' selector failed", e);
            }
        }
    }

    private void register() {
        for (ProtocolParticipant participant = toRegister.poll(); participant != null; participant = toRegister.poll()) {
            SocketChannel channel = participant.channel();
            if (!channel.isOpen()) {
                continue;
            }
            try {
                int interest = channel.isConnected() ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT;
                channel.register(selector, interest, participant);
            } catch (IOException e) {
                participant.ended("cannot register: " + e);
            }
        }
    }

    private void serve(SelectionKey key, long now) {
        ProtocolParticipant participant = (ProtocolParticipant) key.attachment();
        SocketChannel channel = participant.channel();
        try {
            if (key.isConnectable()) {
                channel.finishConnect();
                participant.sendJoin();
                key.interestOps(SelectionKey.OP_READ);
            } else if (key.isReadable()) {
                readBuffer.clear();
                int read = channel.read(readBuffer);
                if (read < 0) {
                    key.cancel();
                    channel.close();
                    participant.ended("the service closed the connection");
                } else {
                    readBuffer.flip();
                    participant.received(readBuffer, now);
                }
            }
        } catch (IOException | RuntimeException e) {
            key.cancel();
            closeQuietly(channel);
            participant.ended("socket failed: " + e);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing after a failure: nothing more to learn.
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(10_000);
            for (SelectionKey key : selector.keys()) {
                closeQuietly((SocketChannel) key.channel());
            }
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

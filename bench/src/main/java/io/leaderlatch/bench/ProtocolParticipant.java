package io.leaderlatch.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A raw protocol client of the service on one non-blocking socket: sends {@code JOIN} once
 * connected, and reads {@code LEADER} lines. Its socket is served by {@link ProtocolClients}.
 */
public final class ProtocolParticipant implements Participant {

    private final String name;
    private final SocketChannel channel;
    private final byte[] join;
    private final String leadsLine;
    private final CompletableFuture<Long> knowsLeader = new CompletableFuture<>();
    private final CompletableFuture<Long> leads = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean left;
    private volatile String leader;
    private volatile String failure;
    /** When the JOIN was written ({@link System#nanoTime()}); 0 until then. */
    private volatile long joinSentAt;

    ProtocolParticipant(String group, String name, SocketChannel channel) {
        this.name = name;
        this.channel = channel;
        this.join = ("JOIN " + group + " " + name + "\n").getBytes(StandardCharsets.US_ASCII);
        this.leadsLine = "LEADER " + name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletableFuture<Long> knowsLeader() {
        return knowsLeader;
    }

    @Override
    public CompletableFuture<Long> leads() {
        return leads;
    }

    @Override
    public void leave() {
        left = true;
        try {
            channel.close();
        } catch (IOException e) {
            fail("cannot close: " + e);
        }
    }

    /** The leader named in the last {@code LEADER} line received, if any. */
    public Optional<String> leader() {
        return Optional.ofNullable(leader);
    }

    /** What went wrong first: an answer other than {@code LEADER}, or the connection ended before it left. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    SocketChannel channel() {
        return channel;
    }

    boolean hasLeft() {
        return left;
    }

    /** When the JOIN was written ({@link System#nanoTime()}); 0 while it was not. */
    long joinSentAt() {
        return joinSentAt;
    }

    void sendJoin() throws IOException {
        joinSentAt = System.nanoTime();
        ByteBuffer line = ByteBuffer.wrap(join);
        channel.write(line);
        if (line.hasRemaining()) {
            throw new IOException("a JOIN line did not fit in a fresh socket's buffer");
        }
    }

    /** Takes bytes just read, stamped {@code now}. */
    void received(ByteBuffer bytes, long now) {
        while (bytes.hasRemaining()) {
            byte b = bytes.get();
            if (b != '\n') {
                partial.append((char) b);
            } else {
                line(partial.toString(), now);
                partial.setLength(0);
            }
        }
    }

    private void line(String line, long now) {
        if (!line.startsWith("LEADER ")) {
            fail("the service answered '" + line + "'");
            return;
        }
        leader = line.substring("LEADER ".length());
        knowsLeader.complete(now);
        if (line.equals(leadsLine)) {
            leads.complete(now);
        }
    }

    /** The service closed the connection, or the socket failed. */
    void ended(String why) {
        if (!left) {
            fail(why);
        }
    }

    private void fail(String why) {
        if (failure == null) {
            failure = why;
        }
        BenchFailure error = new BenchFailure(name + ": " + why);
        knowsLeader.completeExceptionally(error);
        leads.completeExceptionally(error);
    }
}

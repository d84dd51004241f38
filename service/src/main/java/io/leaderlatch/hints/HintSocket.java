package io.leaderlatch.hints;

import io.leaderlatch.config.Settings;
import io.leaderlatch.election.HintTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The UDP side of change hints: a bound socket that takes hints on a thread of its own and hands
 * each group named to the coordinator, and an unbound, non-blocking one that sends them.
 *
 * <p>No connections, no acknowledgements: a hint is advisory, and one that is lost costs at most a
 * poll interval. Taking in is bounded per second ({@code election.hints.max-per-second}); beyond
 * that a datagram is dropped unread, so a flood costs a counter increment each.
 *
 * <p>The server opens it at start-up, hands it to the coordinator as its {@link HintTransport},
 * and counts what it reports to {@link Meters}; the wire format and addresses stay in this package.
 */
public final class HintSocket implements HintTransport, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HintSocket.class);
    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Parsed addresses of the instances hints go to; cleared if it ever grows past this. */
    private static final int MAX_CACHED_ADDRESSES = 1024;

    /** What the socket counts. */
    public interface Meters {
        void hintSent();

        void hintReceived();

        void hintDropped(DropReason reason);
    }

    /** Why a hint was dropped. */
    public enum DropReason {
        /** A datagram that is not a hint. */
        MALFORMED,
        /** Beyond {@code max-per-second}. */
        OVER_LIMIT,
        /** The send socket would not take it, or the published address is not one. */
        UNSENT
    }

    private final DatagramChannel receiver;
    private final DatagramChannel sender;
    private final String address;
    private final int maxPerSecond;
    private final Meters meters;
    private final RateLimitedLog rareLog = new RateLimitedLog(log);
    private final Map<String, Optional<InetSocketAddress>> parsed = new ConcurrentHashMap<>();
    private Thread thread;

    private HintSocket(DatagramChannel receiver, DatagramChannel sender, int maxPerSecond, Meters meters)
            throws IOException {
        this.receiver = receiver;
        this.sender = sender;
        this.address = HintAddress.format((InetSocketAddress) receiver.getLocalAddress());
        this.maxPerSecond = maxPerSecond;
        this.meters = meters;
    }

    /** Binds the socket of {@code settings}; an {@link IOException} if it cannot. */
    public static HintSocket open(Settings.Hints settings, Meters meters) throws IOException {
        DatagramChannel receiver = null;
        try {
            receiver = DatagramChannel.open();
            receiver.bind(new InetSocketAddress(InetAddress.getByName(settings.host()), settings.port()));
            DatagramChannel sender = DatagramChannel.open();
            sender.configureBlocking(false);
            return new HintSocket(receiver, sender, settings.maxPerSecond(), meters);
        } catch (IOException e) {
            closeQuietly(receiver);
            throw e;
        }
    }

    /** Starts taking hints, each group handed to {@code onHint} on this socket's own thread. */
    public void startReceiving(Consumer<String> onHint) {
        thread = new Thread(() -> receive(onHint), "leader-latch-hints");
        thread.setDaemon(true);
        thread.start();
        log.info("taking change hints on udp {}", address);
    }

    @Override
    public Optional<String> address() {
        return Optional.of(address);
    }

    @Override
    public void send(String to, String group) {
        Optional<InetSocketAddress> target = parsed.get(to);
        if (target == null) {
            if (parsed.size() >= MAX_CACHED_ADDRESSES) {
                parsed.clear();
            }
            target = HintAddress.parse(to);
            parsed.put(to, target);
        }
        if (target.isEmpty()) {
            meters.hintDropped(DropReason.UNSENT);
            rareLog.warn("hint-address", "not sending change hints to '" + to + "': not an <IPv4>:<port> or [<IPv6>]:<port>");
            return;
        }
        try {
            if (sender.send(HintDatagram.encode(group), target.get()) > 0) {
                meters.hintSent();
                return;
            }
        } catch (IOException e) {
            rareLog.warn("hint-send", "change hint to " + to + " not sent: " + e);
        }
        meters.hintDropped(DropReason.UNSENT);
    }

    private void receive(Consumer<String> onHint) {
        ByteBuffer buffer = ByteBuffer.allocate(HintDatagram.MAX_LENGTH + 1);
        long windowStart = System.nanoTime();
        int taken = 0;
        while (receiver.isOpen()) {
            buffer.clear();
            try {
                receiver.receive(buffer);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                rareLog.warn("hint-receive", "receiving change hints: " + e);
                continue;
            }
            meters.hintReceived();
            long now = System.nanoTime();
            if (now - windowStart >= WINDOW_NANOS) {
                windowStart = now;
                taken = 0;
            }
            if (++taken > maxPerSecond) {
                meters.hintDropped(DropReason.OVER_LIMIT);
                continue;
            }
            Optional<String> group = HintDatagram.decode(buffer.flip());
            if (group.isPresent()) {
                onHint.accept(group.get());
            } else {
                meters.hintDropped(DropReason.MALFORMED);
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(receiver);
        closeQuietly(sender);
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(DatagramChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing a hint socket", e);
        }
    }
}

package io.leaderlatch.server;

import io.leaderlatch.config.Cidr;
import io.leaderlatch.hints.RateLimitedLog;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides, the moment a connection is accepted on one listener, whether it may stay: its address
 * must be in the listener's allowed networks (when it has any), and neither the listener nor the
 * remote address may be over its connection limit. Counts are released when connections close.
 */
final class ConnectionGate {

    /** Why a connection was refused; the {@code reason} tag of the refused-connections meter. */
    enum Refusal { NOT_ALLOWED, LISTENER_LIMIT, ADDRESS_LIMIT }

    private static final Logger log = LoggerFactory.getLogger(ConnectionGate.class);

    private final String listener;
    private final List<Cidr> allowed;
    private final int maxPerListener;
    private final int maxPerAddress;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final RateLimitedLog refusals = new RateLimitedLog(log);

    /** @param allowed the networks this listener accepts; empty accepts every address */
    ConnectionGate(String listener, List<Cidr> allowed, int maxPerListener, int maxPerAddress) {
        this.listener = listener;
        this.allowed = List.copyOf(allowed);
        this.maxPerListener = maxPerListener;
        this.maxPerAddress = maxPerAddress;
    }

    /** Admits {@code channel} (and releases its counts when it closes), or says why not. */
    Optional<Refusal> admit(Channel channel) {
        InetAddress address = ((InetSocketAddress) channel.remoteAddress()).getAddress();
        Optional<Refusal> refusal = check(address);
        if (refusal.isPresent()) {
            refusals.warn(refusal.get().name(), "[" + listener + "] refused a connection from "
                    + address.getHostAddress() + ": " + describe(refusal.get()));
            return refusal;
        }
        channel.closeFuture().addListener(closed -> release(address));
        return Optional.empty();
    }

    private Optional<Refusal> check(InetAddress address) {
        if (!allowed.isEmpty() && allowed.stream().noneMatch(network -> network.contains(address))) {
            return Optional.of(Refusal.NOT_ALLOWED);
        }
        if (open.incrementAndGet() > maxPerListener) {
            open.decrementAndGet();
            return Optional.of(Refusal.LISTENER_LIMIT);
        }
        AtomicInteger fromAddress = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
        if (fromAddress.incrementAndGet() > maxPerAddress) {
            fromAddress.decrementAndGet();
            open.decrementAndGet();
            return Optional.of(Refusal.ADDRESS_LIMIT);
        }
        return Optional.empty();
    }

    private void release(InetAddress address) {
        open.decrementAndGet();
        perAddress.computeIfPresent(address, (a, count) -> count.decrementAndGet() == 0 ? null : count);
    }

    private String describe(Refusal refusal) {
        return switch (refusal) {
            case NOT_ALLOWED -> "not in leader-latch.limits.allow for this listener";
            case LISTENER_LIMIT -> "the listener holds leader-latch.limits.max-connections-per-listener = " + maxPerListener;
            case ADDRESS_LIMIT -> "that address holds leader-latch.limits.max-connections-per-address = " + maxPerAddress;
        };
    }
}

package io.leaderlatch.server;

import io.leaderlatch.election.ElectionCoordinator;
import io.leaderlatch.protocol.ClientSession;
import io.leaderlatch.protocol.ProtocolPipeline;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Sets up each accepted connection of one listener: the gate first (refused connections are
 * closed before any byte is read), then framer, codec and the client session.
 */
// A refused connection is closed without waiting: nothing follows on it.
@SuppressWarnings("FutureReturnValueIgnored")
final class SessionInitializer extends ChannelInitializer<Channel> {

    private final String listener;
    private final ElectionCoordinator coordinator;
    private final ServiceMetrics metrics;
    private final ChannelGroup openConnections;
    private final ConnectionGate gate;
    private final Duration joinTimeout;
    private final Consumer<Channel> socketSetup;

    /** @param socketSetup per-connection socket options, set on admitted connections only */
    SessionInitializer(String listener, ElectionCoordinator coordinator, ServiceMetrics metrics,
                       ChannelGroup openConnections, ConnectionGate gate, Duration joinTimeout,
                       Consumer<Channel> socketSetup) {
        this.listener = listener;
        this.coordinator = coordinator;
        this.metrics = metrics;
        this.openConnections = openConnections;
        this.gate = gate;
        this.joinTimeout = joinTimeout;
        this.socketSetup = socketSetup;
    }

    @Override
    protected void initChannel(Channel channel) {
        Optional<ConnectionGate.Refusal> refusal = gate.admit(channel);
        if (refusal.isPresent()) {
            metrics.refused(listener, refusal.get());
            channel.close();
            return;
        }
        socketSetup.accept(channel);
        openConnections.add(channel);
        ProtocolPipeline.addCodec(channel.pipeline());
        channel.pipeline().addLast("session", new ClientSession(listener, coordinator, metrics, joinTimeout));
    }
}

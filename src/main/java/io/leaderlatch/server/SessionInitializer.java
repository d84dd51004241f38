package io.leaderlatch.server;

import io.leaderlatch.election.ElectionCoordinator;
import io.leaderlatch.protocol.ClientSession;
import io.leaderlatch.protocol.ProtocolPipeline;
import io.leaderlatch.protocol.SessionObserver;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;

/** Sets up each accepted connection of one listener: framer, codec, then the client session. */
final class SessionInitializer extends ChannelInitializer<Channel> {

    private final String listener;
    private final ElectionCoordinator coordinator;
    private final SessionObserver observer;
    private final ChannelGroup openConnections;

    SessionInitializer(String listener, ElectionCoordinator coordinator, SessionObserver observer,
                       ChannelGroup openConnections) {
        this.listener = listener;
        this.coordinator = coordinator;
        this.observer = observer;
        this.openConnections = openConnections;
    }

    @Override
    protected void initChannel(Channel channel) {
        openConnections.add(channel);
        ProtocolPipeline.addCodec(channel.pipeline());
        channel.pipeline().addLast("session", new ClientSession(listener, coordinator, observer));
    }
}

package io.leaderlatch.server;

import io.leaderlatch.config.Settings;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import jdk.net.ExtendedSocketOptions;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** The socket transport: Linux epoll where it loads, Java NIO everywhere else. */
// The keep-alive switch is scheduled on the channel's event loop and not awaited: if the channel
// closes first, there is nothing to switch.
@SuppressWarnings("FutureReturnValueIgnored")
record Transport(String name, IoHandlerFactory ioHandlerFactory, Class<? extends ServerChannel> serverChannel) {

    static Transport choose(boolean preferNative) {
        if (preferNative && Epoll.isAvailable()) {
            return new Transport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
        }
        return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
    }

    /**
     * TCP keepalive on accepted connections with the configured timers, so a client host that
     * vanished without closing its connection is found within {@code idle * 1.25 + interval * count}
     * of the last byte it sent (see {@link #spreadKeepalive}); and, on epoll, a TCP user timeout of
     * {@code idle + interval * count}, so that a connection whose sent data (a {@code LEADER} push
     * to a host that has just vanished) stays unacknowledged that long is dropped too: keepalive
     * probes only an idle connection, and without the user timeout Linux would retransmit for about
     * 15 minutes. Epoll sets them per socket; NIO the keepalive timers through the JDK's extended
     * socket options (Linux, macOS), and has no user timeout.
     */
    void keepalive(ServerBootstrap bootstrap, Settings.Keepalive keepalive) {
        int interval = (int) keepalive.interval().toSeconds();
        if (name.equals("epoll")) {
            bootstrap.childOption(EpollChannelOption.TCP_KEEPINTVL, interval)
                    .childOption(EpollChannelOption.TCP_KEEPCNT, keepalive.count())
                    .childOption(EpollChannelOption.TCP_USER_TIMEOUT, Math.toIntExact(keepalive.userTimeout().toMillis()));
        } else {
            bootstrap.childOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL), interval)
                    .childOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT), keepalive.count());
        }
    }

    /**
     * Gives one accepted connection its keepalive idle time, a random whole number of seconds from
     * {@code idle} to {@code idle * 1.25}, and switches keepalive on after a random part of that
     * idle time. Connections opened in the same instant (every client reconnecting after a restart)
     * would otherwise send their probes in the same instant, every idle period, and a burst of
     * thousands of probes can overflow a kernel queue and get healthy connections dropped; random
     * phases (and, for longer idle times, periods) spread the bursts out for good. The delay adds
     * at most one idle time to the bound, once, in a connection's first seconds.
     */
    void spreadKeepalive(Channel channel, Settings.Keepalive keepalive) {
        int idle = (int) keepalive.idle().toSeconds();
        int seconds = idle + ThreadLocalRandom.current().nextInt(idle / 4 + 1);
        if (name.equals("epoll")) {
            channel.config().setOption(EpollChannelOption.TCP_KEEPIDLE, seconds);
        } else {
            channel.config().setOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE), seconds);
        }
        long phase = ThreadLocalRandom.current().nextLong(TimeUnit.SECONDS.toNanos(seconds));
        channel.eventLoop().schedule(() -> {
            if (channel.isOpen()) {
                channel.config().setOption(ChannelOption.SO_KEEPALIVE, true);
            }
        }, phase, TimeUnit.NANOSECONDS);
    }

    /** Event loops whose threads are named {@code <name>-<group>-<n>}, so logs tell them apart. */
    MultiThreadIoEventLoopGroup newGroup(String name, int threads) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name), ioHandlerFactory);
    }
}

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

/** The socket transport: Linux epoll where it loads, Java NIO everywhere else. */
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
     * (see {@link #spreadKeepaliveIdle}). Epoll sets them per socket; NIO through the JDK's extended
     * socket options (Linux, macOS).
     */
    void keepalive(ServerBootstrap bootstrap, Settings.Keepalive keepalive) {
        int interval = (int) keepalive.interval().toSeconds();
        bootstrap.childOption(ChannelOption.SO_KEEPALIVE, true);
        if (name.equals("epoll")) {
            bootstrap.childOption(EpollChannelOption.TCP_KEEPINTVL, interval)
                    .childOption(EpollChannelOption.TCP_KEEPCNT, keepalive.count());
        } else {
            bootstrap.childOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL), interval)
                    .childOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT), keepalive.count());
        }
    }

    /**
     * Sets one accepted connection's keepalive idle time to a random whole number of seconds from
     * {@code idle} to {@code idle * 1.25}. Connections opened in the same instant (every client
     * reconnecting after a restart) would otherwise send their probes in the same instant, every
     * idle period, and a burst of thousands of probes can overflow a kernel queue and get healthy
     * connections dropped; different periods spread the bursts out for good.
     */
    void spreadKeepaliveIdle(Channel channel, Settings.Keepalive keepalive) {
        int idle = (int) keepalive.idle().toSeconds();
        int seconds = idle + ThreadLocalRandom.current().nextInt(idle / 4 + 1);
        if (name.equals("epoll")) {
            channel.config().setOption(EpollChannelOption.TCP_KEEPIDLE, seconds);
        } else {
            channel.config().setOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE), seconds);
        }
    }

    /** Event loops whose threads are named {@code <name>-<group>-<n>}, so logs tell them apart. */
    MultiThreadIoEventLoopGroup newGroup(String name, int threads) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name), ioHandlerFactory);
    }
}

package io.leaderlatch.config;

import io.leaderlatch.net.HostAndPort;

import java.net.InetSocketAddress;

/**
 * One named {@code ip:port} from riak.conf, e.g. {@code listener.leader_latch.internal = 127.0.0.1:5323}.
 *
 * @param name the part after the prefix ({@code internal})
 * @param host an IP literal, IPv6 without brackets ({@code ::1})
 * @param port 1 to 65535
 * @param origin the file and line it came from, for error messages
 */
public record ListenerSpec(String name, String host, int port, ConfOrigin origin) {

    /** The address to bind or connect to; never resolves a host name. */
    public InetSocketAddress address() {
        return hostAndPort().resolve();
    }

    /** Its host and port; written {@code 127.0.0.1:5323} or {@code [::1]:5323}, however riak.conf wrote it. */
    public HostAndPort hostAndPort() {
        return new HostAndPort(host, port);
    }
}

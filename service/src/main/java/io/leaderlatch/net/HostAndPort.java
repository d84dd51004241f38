package io.leaderlatch.net;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A host and a port, written {@code host:port} or {@code [IPv6]:port}: the one type for every
 * address the service reads from its settings, riak.conf and instance records, and writes to its
 * logs and records. IPv6 brackets are taken off when text is read and put on when it is written,
 * here and nowhere else. What a host may be (an IP literal only, a host name, not a wildcard) is
 * each setting's own rule, checked on top of this type.
 *
 * @param host a host name or an IP literal, IPv6 without brackets
 * @param port 0 to 65535
 */
public record HostAndPort(String host, int port) {

    /** The forms that IP-literal settings accept, for their error messages. */
    public static final String IP_LITERAL_FORMS = "<IPv4>:<port>, <IPv6>:<port> or [<IPv6>]:<port>";

    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final int MAX_PORT = 65535;

    public HostAndPort {
        if (host.isEmpty() || host.startsWith("[")) {
            throw new IllegalArgumentException("not a host (IPv6 goes without brackets here): '" + host + "'");
        }
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException("not a port: " + port);
        }
    }

    /**
     * Reads {@code text} in either form of {@link Written}, with a port of 1 to 5 digits up to
     * 65535; empty for anything else. No rule on the host beyond its being there.
     */
    public static Optional<HostAndPort> parse(String text) {
        return Written.of(text).flatMap(Written::address);
    }

    /** The host as the address names it or, without a name, as a literal; never looks anything up. */
    public static HostAndPort of(InetSocketAddress address) {
        return new HostAndPort(address.getHostString(), address.getPort());
    }

    /** True when the host is an IPv6 literal, which is written in brackets. */
    public boolean isIpv6() {
        return host.indexOf(':') >= 0;
    }

    /** The address a client connects to later: a host name is looked up by whoever connects, not here. */
    public InetSocketAddress unresolved() {
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** The address to bind or connect to now: an IP literal is parsed without a look-up, a name is looked up. */
    public InetSocketAddress resolve() {
        return new InetSocketAddress(host, port);
    }

    /** {@code 127.0.0.1:5323}, {@code riak1:8087} or {@code [::1]:5323}, however the address was read. */
    @Override
    public String toString() {
        return (isIpv6() ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * Address text cut in two, before any rule applies to either half: {@code [host]:port} (the
     * first {@code ]} ends the host) or {@code host:port} (the last {@code :} starts the port, so
     * {@code ::1:5323} is {@code ::1} and {@code 5323}, the form Riak's {@code ip} datatype takes).
     * Settings whose rules depend on how the host was written (brackets only around IPv6, say) read
     * this first.
     *
     * @param host the host text, without brackets; possibly empty
     * @param bracketed whether it was written in brackets
     * @param port the text after the {@code :} that ends the host; possibly empty
     */
    public record Written(String host, boolean bracketed, String port) {

        /** Empty when {@code text} has no {@code :}, or a {@code [} with no {@code ]:} after it. */
        public static Optional<Written> of(String text) {
            if (text.startsWith("[")) {
                int close = text.indexOf(']');
                if (close < 0 || !text.startsWith(":", close + 1)) {
                    return Optional.empty();
                }
                return Optional.of(new Written(text.substring(1, close), true, text.substring(close + 2)));
            }
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            return Optional.of(new Written(text.substring(0, colon), false, text.substring(colon + 1)));
        }

        /** This host and port, when there is a host (not in two brackets) and the port is 1 to 5 digits up to 65535. */
        public Optional<HostAndPort> address() {
            if (host.isEmpty() || host.startsWith("[") || !PORT.matcher(port).matches() || Integer.parseInt(port) > MAX_PORT) {
                return Optional.empty();
            }
            return Optional.of(new HostAndPort(host, Integer.parseInt(port)));
        }
    }
}

package io.leaderlatch.config;

import io.leaderlatch.net.HostAndPort;
import io.leaderlatch.net.IpLiterals;

import java.math.BigInteger;

/**
 * Parses a listener's value from riak.conf: {@code <IPv4>:<port>}, {@code <IPv6>:<port>} or
 * {@code [<IPv6>]:<port>}. The unbracketed IPv6 form is the one Riak's own {@code ip} datatype
 * takes (the last {@code :} starts the port); Riak refuses the bracketed one, which the service
 * still reads for riak.conf files that Riak never sees.
 */
final class ListenerAddress {

    private static final BigInteger MAX_PORT = BigInteger.valueOf(65535);

    private ListenerAddress() {
    }

    /**
     * @param key the whole key, for error messages
     * @param name the listener's name
     * @param value e.g. {@code 127.0.0.1:5323}, {@code ::1:5323} or {@code [::1]:5323}
     */
    static ListenerSpec parse(String key, String name, String value, ConfOrigin origin) {
        HostAndPort.Written written = HostAndPort.Written.of(value)
                .filter(ListenerAddress::ipLiteral)
                .filter(parts -> !parts.port().isEmpty())
                .orElseThrow(() -> malformed(key, value, origin));
        return new ListenerSpec(name, written.host(), port(key, written.port(), origin), origin);
    }

    /** In brackets, IPv6 only, as in a URL; without, either kind. */
    private static boolean ipLiteral(HostAndPort.Written written) {
        return IpLiterals.isIpv6(written.host()) || !written.bracketed() && IpLiterals.isIpv4(written.host());
    }

    private static int port(String key, String text, ConfOrigin origin) {
        if (!text.matches("-?[0-9]+")) {
            throw ConfigException.at(origin, key + ": port '" + text + "' is not a number");
        }
        // BigInteger: a long run of digits is still a number, just not a port.
        BigInteger port = new BigInteger(text);
        if (port.compareTo(BigInteger.ONE) < 0 || port.compareTo(MAX_PORT) > 0) {
            throw ConfigException.at(origin, key + ": port " + text + " is outside 1-65535");
        }
        return port.intValue();
    }

    private static ConfigException malformed(String key, String value, ConfOrigin origin) {
        return ConfigException.at(origin, key + ": malformed address '" + value
                + "': expected " + HostAndPort.IP_LITERAL_FORMS);
    }
}

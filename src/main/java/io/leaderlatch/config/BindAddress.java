package io.leaderlatch.config;

import java.util.Optional;

/**
 * An address a socket of the service binds to, as the {@code bind} settings write it:
 * {@code <IPv4>:<port>}, {@code <IPv6>:<port>} (the last {@code :} starts the port) or
 * {@code [<IPv6>]:<port>}. IP literals only, so that nothing is looked up in DNS.
 *
 * @param host the IP literal, IPv6 without brackets
 * @param port 0 to 65535
 */
record BindAddress(String host, int port) {

    static final String FORMS = "<IPv4>:<port>, <IPv6>:<port> or [<IPv6>]:<port>";

    static Optional<BindAddress> parse(String text) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "" : text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String port = colon < 0 ? "" : text.substring(colon + 1);
        if (!(IpLiterals.isIpv4(host) || IpLiterals.isIpv6(host)) || !port.matches("[0-9]{1,5}")
                || Integer.parseInt(port) > 65535) {
            return Optional.empty();
        }
        return Optional.of(new BindAddress(host, Integer.parseInt(port)));
    }
}

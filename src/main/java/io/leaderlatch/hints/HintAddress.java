package io.leaderlatch.hints;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A hint address as published in instance records: {@code <IPv4>:<port>} or {@code [<IPv6>]:<port>}.
 * Parsing never looks a name up: the address comes from another instance's record, and the
 * coordinator's thread that sends hints must not wait for DNS.
 */
final class HintAddress {

    private static final String OCTET = "(0|[1-9][0-9]?|1[0-9][0-9]|2[0-4][0-9]|25[0-5])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    private HintAddress() {
    }

    static String format(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    static Optional<InetSocketAddress> parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0 || !PORT.matcher(text.substring(colon + 1)).matches()) {
            return Optional.empty();
        }
        String host = text.substring(0, colon);
        int port = Integer.parseInt(text.substring(colon + 1));
        boolean bracketed = host.length() > 2 && host.startsWith("[") && host.endsWith("]");
        // A bracketed host is parsed as an IPv6 literal or refused; a dotted quad is a literal too.
        if (port < 1 || port > 65535 || !(bracketed || IPV4.matcher(host).matches())) {
            return Optional.empty();
        }
        try {
            return Optional.of(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}

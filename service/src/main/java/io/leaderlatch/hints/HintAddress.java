package io.leaderlatch.hints;

import io.leaderlatch.net.HostAndPort;
import io.leaderlatch.net.IpLiterals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * A hint address as published in instance records: {@code <IPv4>:<port>} or {@code [<IPv6>]:<port>}.
 * Parsing never looks a name up: the address comes from another instance's record, and the
 * coordinator's thread that sends hints must not wait for DNS.
 */
final class HintAddress {

    private HintAddress() {
    }

    static String format(InetSocketAddress address) {
        return new HostAndPort(address.getAddress().getHostAddress(), address.getPort()).toString();
    }

    static Optional<InetSocketAddress> parse(String text) {
        Optional<HostAndPort.Written> written = HostAndPort.Written.of(text)
                .filter(parts -> parts.bracketed() || IpLiterals.isIpv4(parts.host()));
        Optional<HostAndPort> address = written.flatMap(HostAndPort.Written::address).filter(parsed -> parsed.port() > 0);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        // In brackets, the JDK takes the host as an IPv6 literal or refuses it; a dotted quad is a literal too.
        String host = written.get().bracketed() ? "[" + address.get().host() + "]" : address.get().host();
        try {
            return Optional.of(new InetSocketAddress(InetAddress.getByName(host), address.get().port()));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}

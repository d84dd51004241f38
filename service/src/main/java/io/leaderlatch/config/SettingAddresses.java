package io.leaderlatch.config;

import io.leaderlatch.net.HostAndPort;
import io.leaderlatch.net.IpLiterals;

import java.util.Optional;
import java.util.regex.Pattern;

/** What the settings file accepts as an address, on top of {@link HostAndPort}: each kind of setting has its rule. */
final class SettingAddresses {

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private SettingAddresses() {
    }

    /**
     * An address a socket of the service binds to ({@code bind} settings): an IP literal, so that
     * nothing is looked up in DNS, in any of {@link HostAndPort#IP_LITERAL_FORMS}; port 0 to 65535.
     */
    static Optional<HostAndPort> bind(String text) {
        return HostAndPort.Written.of(text)
                .filter(written -> IpLiterals.isIpv4(written.host()) || IpLiterals.isIpv6(written.host()))
                .flatMap(HostAndPort.Written::address);
    }

    /**
     * One {@code leader-latch.riak.endpoints} entry: {@code host:port} with a host name or an IPv4
     * literal, or {@code [IPv6]:port}; port 1 to 65535. Unlike riak.conf listeners, host names are
     * allowed: a client may reach Riak nodes by name.
     */
    static Optional<HostAndPort> endpoint(String text) {
        return HostAndPort.Written.of(text.trim())
                .filter(written -> written.bracketed() ? IpLiterals.isIpv6(written.host())
                        : HOST_NAME.matcher(written.host()).matches())
                .flatMap(HostAndPort.Written::address)
                .filter(address -> address.port() > 0);
    }
}

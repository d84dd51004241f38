package io.leaderlatch.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one {@code leader-latch.riak.endpoints} entry: {@code host:port} with a host name or an
 * IPv4 literal, or {@code [IPv6]:port}. Unlike riak.conf listeners, host names are allowed: a
 * client may reach Riak nodes by name.
 */
final class EndpointParser {

    private static final Pattern NAMED = Pattern.compile("([A-Za-z0-9._-]+):([0-9]{1,5})");
    private static final Pattern BRACKETED = Pattern.compile("\\[([0-9A-Fa-f:.]+)]:([0-9]{1,5})");

    private EndpointParser() {
    }

    static Optional<Settings.Endpoint> parse(String text) {
        String trimmed = text.trim();
        Matcher named = NAMED.matcher(trimmed);
        Matcher bracketed = BRACKETED.matcher(trimmed);
        Matcher match = named.matches() ? named : bracketed.matches() ? bracketed : null;
        if (match == null || (match == bracketed && !IpLiterals.isIpv6(match.group(1)))) {
            return Optional.empty();
        }
        int port = Integer.parseInt(match.group(2));
        return port < 1 || port > 65535 ? Optional.empty() : Optional.of(new Settings.Endpoint(match.group(1), port));
    }
}

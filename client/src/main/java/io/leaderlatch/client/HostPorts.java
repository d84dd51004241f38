package io.leaderlatch.client;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses endpoint lists such as {@code h1:5323,h2:5323,[::1]:5323}. Host names stay unresolved
 * here and are looked up at each connection attempt, so a changed DNS entry is picked up.
 */
final class HostPorts {

    private HostPorts() {
    }

    static List<InetSocketAddress> parse(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            throw new IllegalArgumentException("no endpoints given; expected host:port[,host:port...]");
        }
        List<InetSocketAddress> endpoints = new ArrayList<>();
        for (String item : commaSeparated.split(",", -1)) {
            endpoints.add(parseOne(item.strip()));
        }
        return List.copyOf(endpoints);
    }

    /** {@code host:port} as it would be given, an IPv6 address in brackets. */
    static String format(InetSocketAddress endpoint) {
        String host = endpoint.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + endpoint.getPort();
    }

    private static InetSocketAddress parseOne(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw bad(hostPort, "expected host:port");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") != host.endsWith("]")) {
            throw bad(hostPort, "unbalanced brackets around an IPv6 address");
        }
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw bad(hostPort, "write an IPv6 address in brackets, e.g. [::1]:5323");
        }
        if (host.isEmpty()) {
            throw bad(hostPort, "empty host");
        }
        return InetSocketAddress.createUnresolved(host, port(hostPort, hostPort.substring(colon + 1)));
    }

    private static int port(String hostPort, String digits) {
        if (!digits.chars().allMatch(Character::isDigit) || digits.length() > 5) {
            throw bad(hostPort, "the port must be a number from 1 to 65535");
        }
        int port = Integer.parseInt(digits);
        if (port < 1 || port > 65535) {
            throw bad(hostPort, "the port must be a number from 1 to 65535");
        }
        return port;
    }

    private static IllegalArgumentException bad(String hostPort, String problem) {
        return new IllegalArgumentException("bad endpoint '" + hostPort + "': " + problem);
    }
}

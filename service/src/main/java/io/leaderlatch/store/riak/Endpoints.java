package io.leaderlatch.store.riak;

import io.leaderlatch.net.HostAndPort;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Collectors;

/** Writes endpoints the way operators write them: {@code host:port}, {@code [v6]:port}. */
final class Endpoints {

    private Endpoints() {
    }

    static String format(InetSocketAddress endpoint) {
        return HostAndPort.of(endpoint).toString();
    }

    static String format(List<InetSocketAddress> endpoints) {
        return endpoints.stream().map(Endpoints::format).collect(Collectors.joining(", "));
    }
}

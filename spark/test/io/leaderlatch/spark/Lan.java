package io.leaderlatch.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Test hosts on one LAN, so that a host can vanish: each a Linux network namespace with one veth
 * port on a bridge in a namespace of its own, addresses in 10.215.0.0/24. Nothing is configured
 * outside the namespaces made here, and {@link #close()} (or a shutdown hook) deletes them. Needs
 * root. The adapter's tests keep their own copy of this small helper: they build apart from the
 * service's tests.
 */
final class Lan implements AutoCloseable {

    private final String prefix = "sp" + ProcessHandle.current().pid();
    private final String bridgeHost = prefix + "-switch";
    private final Map<String, String> ports = new LinkedHashMap<>();
    private final List<String> namespaces = new ArrayList<>();
    private final Thread cleanup = new Thread(this::deleteAll, "lan-cleanup");

    Lan() {
        Runtime.getRuntime().addShutdownHook(cleanup);
        addNamespace(bridgeHost);
        run(List.of("ip", "-n", bridgeHost, "link", "add", "br0", "type", "bridge"));
        run(List.of("ip", "-n", bridgeHost, "link", "set", "br0", "up"));
    }

    /** A new host on the LAN. */
    Placement host(String name) {
        String namespace = prefix + "-" + name;
        addNamespace(namespace);
        int n = ports.size() + 1;
        String port = prefix + "p" + n;
        String inside = prefix + "h" + n;
        String address = "10.215.0." + n;
        run(List.of("ip", "link", "add", port, "netns", bridgeHost, "type", "veth", "peer", "name", inside,
                "netns", namespace));
        run(List.of("ip", "-n", bridgeHost, "link", "set", port, "master", "br0"));
        run(List.of("ip", "-n", bridgeHost, "link", "set", port, "up"));
        run(List.of("ip", "-n", namespace, "addr", "add", address + "/24", "dev", inside));
        run(List.of("ip", "-n", namespace, "link", "set", inside, "up"));
        ports.put(namespace, port);
        return new Placement(address, Optional.of(namespace));
    }

    /** The host's port down: to everyone else it is gone, and it is not told. */
    void unplug(Placement host) {
        run(List.of("ip", "-n", bridgeHost, "link", "set", ports.get(host.namespace().orElseThrow()), "down"));
    }

    void plug(Placement host) {
        run(List.of("ip", "-n", bridgeHost, "link", "set", ports.get(host.namespace().orElseThrow()), "up"));
    }

    @Override
    public void close() {
        deleteAll();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // shutting down: the hook runs anyway
        }
    }

    private void addNamespace(String namespace) {
        run(List.of("ip", "netns", "add", namespace));
        namespaces.add(namespace);
        run(List.of("ip", "-n", namespace, "link", "set", "lo", "up"));
    }

    private synchronized void deleteAll() {
        for (String namespace : namespaces) {
            try {
                new ProcessBuilder("ip", "netns", "del", namespace).redirectErrorStream(true).start().waitFor();
            } catch (IOException e) {
                // gone already
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        namespaces.clear();
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + ": " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.leaderlatch.testing.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hosts with addresses of their own, for tests of what crosses a network: each {@link Host} is a
 * Linux network namespace the test creates, and each {@link Link} a veth pair between two of them,
 * with a /30 of 10.213.0.0/16 on it. Hosts may also share a LAN instead ({@link #lanHost}): a
 * bridge in a namespace of its own, one port per host, addresses in 10.214.0.0/24. A host
 * vanishes by setting its links (or its LAN port) down; two hosts of the LAN are cut apart by
 * blackhole routes on both; nothing else changes, as when a cable is pulled. Nothing is ever configured outside the
 * namespaces this network created, and {@link #close()} deletes them all (a shutdown hook too,
 * should the JVM end first), which takes the veth pairs with them.
 *
 * <p>Needs root and iproute2's {@code ip}; {@link #available()} says whether this machine has them.
 */
public final class TestNetwork implements AutoCloseable {

    private static final AtomicInteger NETWORKS = new AtomicInteger();
    private static final Pattern LEFTOVER = Pattern.compile("^ll(\\d+)n\\d+-\\S+");

    /** A namespace: a host with its own interfaces, routes and loopback. */
    public record Host(String name, String namespace) {

        /** {@code command} run inside the host, as a list for {@link ProcessBuilder}. */
        public List<String> exec(List<String> command) {
            List<String> inside = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
            inside.addAll(command);
            return inside;
        }
    }

    /** A veth pair between two hosts: each end's interface and address. */
    public record Link(Host a, String aInterface, String aAddress, Host b, String bInterface, String bAddress) {

        /** The address of this link's end on {@code host}. */
        public String addressOf(Host host) {
            return host.equals(a) ? aAddress : bAddress;
        }
    }

    private final String prefix;
    private final List<Host> hosts = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    /** The LAN's switch, made with its first host; its ports, one per LAN host, in host order. */
    private Host lanSwitch;
    private final Map<Host, String> lanPorts = new LinkedHashMap<>();
    private final Map<Host, String> lanAddresses = new LinkedHashMap<>();
    private final Thread cleanup = new Thread(this::deleteAll, "test-network-cleanup");

    public TestNetwork() {
        // Short: interface names may have 15 characters at most.
        this.prefix = "ll" + ProcessHandle.current().pid() + "n" + NETWORKS.incrementAndGet();
        Runtime.getRuntime().addShutdownHook(cleanup);
        sweepLeftovers();
    }

    /** Deletes namespaces that networks of test JVMs no longer running left behind (killed, say). */
    private static void sweepLeftovers() {
        try {
            Process list = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
            String names = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            list.waitFor(10, TimeUnit.SECONDS);
            for (String line : names.split("\n")) {
                Matcher ours = LEFTOVER.matcher(line);
                if (ours.find()
                        && ProcessHandle.of(Long.parseLong(ours.group(1))).map(ProcessHandle::isAlive).orElse(false).equals(false)) {
                    tryRun(List.of("ip", "netns", "del", ours.group(0)));
                }
            }
        } catch (IOException e) {
            // nothing to sweep
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True on a machine where namespaces and veth pairs can be made (root, {@code ip}). */
    public static boolean available() {
        String probe = "llprobe" + (ProcessHandle.current().pid() % 100_000);
        try {
            run(List.of("ip", "netns", "add", probe));
            run(List.of("ip", "netns", "del", probe));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A new host, its loopback up. */
    public Host host(String name) {
        Host host = new Host(name, prefix + "-" + name);
        run(List.of("ip", "netns", "add", host.namespace()));
        hosts.add(host);
        run(List.of("ip", "-n", host.namespace(), "link", "set", "lo", "up"));
        return host;
    }

    /** A link between {@code a} and {@code b}, up, with an address at each end. */
    public Link link(Host a, Host b) {
        int n = links.size();
        String aInterface = prefix + "a" + n;
        String bInterface = prefix + "b" + n;
        int third = n / 64;
        int fourth = (n % 64) * 4;
        String aAddress = "10.213." + third + "." + (fourth + 1);
        String bAddress = "10.213." + third + "." + (fourth + 2);
        run(List.of("ip", "link", "add", aInterface, "netns", a.namespace(), "type", "veth",
                "peer", "name", bInterface, "netns", b.namespace()));
        run(List.of("ip", "-n", a.namespace(), "addr", "add", aAddress + "/30", "dev", aInterface));
        run(List.of("ip", "-n", b.namespace(), "addr", "add", bAddress + "/30", "dev", bInterface));
        Link link = new Link(a, aInterface, aAddress, b, bInterface, bAddress);
        links.add(link);
        up(link);
        return link;
    }

    /** Both ends down: nothing crosses, and neither side is told. */
    public void down(Link link) {
        run(List.of("ip", "-n", link.a().namespace(), "link", "set", link.aInterface(), "down"));
        run(List.of("ip", "-n", link.b().namespace(), "link", "set", link.bInterface(), "down"));
    }

    public void up(Link link) {
        run(List.of("ip", "-n", link.a().namespace(), "link", "set", link.aInterface(), "up"));
        run(List.of("ip", "-n", link.b().namespace(), "link", "set", link.bInterface(), "up"));
    }

    /** Every link of {@code host} down: to everyone else, the host is gone. */
    public void isolate(Host host) {
        links.stream().filter(link -> link.a().equals(host) || link.b().equals(host)).forEach(this::down);
    }

    /** Every link of {@code host} up again. */
    public void reconnect(Host host) {
        links.stream().filter(link -> link.a().equals(host) || link.b().equals(host)).forEach(this::up);
    }

    /** Every link up again. */
    public void healAll() {
        links.forEach(this::up);
    }

    /** A new host on the LAN, with one address there ({@link #lanAddress}). */
    public Host lanHost(String name) {
        if (lanSwitch == null) {
            lanSwitch = host("switch");
            run(List.of("ip", "-n", lanSwitch.namespace(), "link", "add", "br0", "type", "bridge"));
            run(List.of("ip", "-n", lanSwitch.namespace(), "link", "set", "br0", "up"));
        }
        Host host = host(name);
        int n = lanPorts.size() + 1;
        String port = prefix + "p" + n;
        String inside = prefix + "h" + n;
        String address = "10.214.0." + n;
        run(List.of("ip", "link", "add", port, "netns", lanSwitch.namespace(), "type", "veth",
                "peer", "name", inside, "netns", host.namespace()));
        run(List.of("ip", "-n", lanSwitch.namespace(), "link", "set", port, "master", "br0"));
        run(List.of("ip", "-n", lanSwitch.namespace(), "link", "set", port, "up"));
        run(List.of("ip", "-n", host.namespace(), "addr", "add", address + "/24", "dev", inside));
        run(List.of("ip", "-n", host.namespace(), "link", "set", inside, "up"));
        lanPorts.put(host, port);
        lanAddresses.put(host, address);
        return host;
    }

    /** The address of a LAN host. */
    public String lanAddress(Host host) {
        return lanAddresses.get(host);
    }

    /** The host's LAN port down: to every other host it is gone, and it is not told. */
    public void unplug(Host host) {
        run(List.of("ip", "-n", lanSwitch.namespace(), "link", "set", lanPorts.get(host), "down"));
    }

    public void plug(Host host) {
        run(List.of("ip", "-n", lanSwitch.namespace(), "link", "set", lanPorts.get(host), "up"));
    }

    /** Nothing passes between two LAN hosts any more, silently, while both still reach the rest. */
    public void cut(Host a, Host b) {
        run(List.of("ip", "-n", a.namespace(), "route", "replace", "blackhole", lanAddress(b) + "/32"));
        run(List.of("ip", "-n", b.namespace(), "route", "replace", "blackhole", lanAddress(a) + "/32"));
    }

    public void mend(Host a, Host b) {
        tryRun(List.of("ip", "-n", a.namespace(), "route", "del", "blackhole", lanAddress(b) + "/32"));
        tryRun(List.of("ip", "-n", b.namespace(), "route", "del", "blackhole", lanAddress(a) + "/32"));
    }

    /** Every LAN port up and every cut mended. */
    public void healLan() {
        for (Host host : lanPorts.keySet()) {
            plug(host);
            for (Host other : lanPorts.keySet()) {
                if (!other.equals(host)) {
                    tryRun(List.of("ip", "-n", host.namespace(), "route", "del", "blackhole", lanAddress(other) + "/32"));
                }
            }
        }
    }

    /** Deletes every namespace this network made, with its interfaces. */
    @Override
    public void close() {
        deleteAll();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway
        }
    }

    private synchronized void deleteAll() {
        for (Host host : hosts) {
            // Processes still inside keep the namespace alive until they end; the name goes now.
            tryRun(List.of("ip", "netns", "del", host.namespace()));
        }
        hosts.clear();
        links.clear();
        lanPorts.clear();
        lanAddresses.clear();
        lanSwitch = null;
    }

    private static void run(List<String> command) {
        String failure = tryRun(command);
        if (failure != null) {
            throw new IllegalStateException(String.join(" ", command) + ": " + failure);
        }
    }

    /** Runs the command; null when it succeeded, else what it said. */
    private static String tryRun(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "timed out";
            }
            return process.exitValue() == 0 ? null : "exit " + process.exitValue() + ": " + output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}

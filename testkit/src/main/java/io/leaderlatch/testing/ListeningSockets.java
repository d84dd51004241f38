package io.leaderlatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The addresses TCP sockets listen on, as Linux lists them in {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6}: the way to tell a socket bound to 127.0.0.1 from one bound to every
 * address, which a client on this machine cannot.
 */
public final class ListeningSockets {

    private static final Path TCP = Path.of("/proc/net/tcp");
    private static final Path TCP6 = Path.of("/proc/net/tcp6");
    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    public static boolean available() {
        return Files.isReadable(TCP);
    }

    /** Every local address with a socket listening on {@code port}; IPv4-mapped IPv6 as IPv4. */
    public static Set<InetAddress> on(int port) {
        Set<InetAddress> addresses = new HashSet<>();
        for (Path table : List.of(TCP, TCP6)) {
            if (!Files.isReadable(table)) {
                continue;
            }
            for (String line : lines(table)) {
                // "sl local_address rem_address st ...", addresses as hex "<address>:<port>".
                String[] fields = line.trim().split("\\s+");
                if (fields.length < 4 || !fields[3].equals(LISTEN) || !fields[1].contains(":")) {
                    continue;
                }
                String[] local = fields[1].split(":");
                if (Integer.parseInt(local[1], 16) == port) {
                    addresses.add(address(local[0]));
                }
            }
        }
        return addresses;
    }

    /** The kernel prints each 32-bit word of the address in host (little-endian) order. */
    private static InetAddress address(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        for (int word = 0; word < bytes.length; word += 4) {
            for (int i = 0; i < 2; i++) {
                byte swap = bytes[word + i];
                bytes[word + i] = bytes[word + 3 - i];
                bytes[word + 3 - i] = swap;
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("bad address " + hex, e);
        }
    }

    private static List<String> lines(Path table) {
        try {
            return Files.readAllLines(table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

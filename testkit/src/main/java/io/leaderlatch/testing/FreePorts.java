package io.leaderlatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A loopback port free at the moment of asking, for a server that needs its port before it starts
 * (in a file, on a command line) or for a port where nothing listens. Where a server can bind port
 * 0 and say which port it got, prefer that: a port picked here may be taken before it is used.
 */
public final class FreePorts {

    private FreePorts() {
    }

    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

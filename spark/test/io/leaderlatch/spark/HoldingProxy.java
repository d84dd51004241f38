package io.leaderlatch.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback to one address, which can hold what its clients send: a request on its
 * way to a store, kept there for as long as a test likes, then passed on. Answers always pass.
 */
final class HoldingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private boolean holding;
    private boolean held;

    private HoldingProxy(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
    }

    static HoldingProxy to(InetSocketAddress target) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            HoldingProxy proxy = new HoldingProxy(server, target);
            daemon("proxy-accept", proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", server.getLocalPort());
    }

    /** From now on, bytes clients send are kept until {@link #release()}. */
    void hold() {
        synchronized (gate) {
            holding = true;
            held = false;
        }
    }

    /** Waits until a client has sent something that is being held. */
    void awaitHeld(Duration bound) {
        Bounded.until(() -> {
            synchronized (gate) {
                return held;
            }
        }, bound, "a request held at the proxy to " + target);
    }

    /** Passes on what was held, and everything after it. */
    void release() {
        synchronized (gate) {
            holding = false;
            gate.notifyAll();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                sockets.add(client);
                sockets.add(upstream);
                daemon("proxy-up", () -> pump(client, upstream, true));
                daemon("proxy-down", () -> pump(upstream, client, false));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to, boolean gated) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (gated) {
                    awaitOpen();
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // The other side closed, or the proxy did.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void awaitOpen() throws InterruptedException {
        synchronized (gate) {
            while (holding) {
                held = true;
                gate.notifyAll();
                gate.wait();
            }
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    @Override
    public void close() {
        release();
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing is all that is left to do.
        }
        sockets.forEach(HoldingProxy::closeQuietly);
    }
}

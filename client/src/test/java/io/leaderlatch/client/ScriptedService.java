package io.leaderlatch.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake service on a real socket that does what a test scripts for each accepted connection:
 * never read, answer the JOIN and then fall silent, answer nonsense. Misbehaviour the real service
 * never shows, to check what the client makes of it.
 */
final class ScriptedService implements AutoCloseable {

    /** What to do with one accepted connection, on a thread of its own. */
    interface Script {
        void serve(Socket connection) throws IOException;
    }

    private final ServerSocket server;
    private final Script script;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    ScriptedService(Script script) {
        this.script = script;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::acceptAll, "scripted-service-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** The connections accepted so far, in order. */
    List<Socket> accepted() {
        return List.copyOf(accepted);
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                accepted.add(connection);
                Thread serving = new Thread(() -> serve(connection), "scripted-service-connection");
                serving.setDaemon(true);
                serving.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try {
            script.serve(connection);
        } catch (IOException e) {
            // The client went away; that is what these tests provoke.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket connection : accepted) {
            connection.close();
        }
    }
}

package io.leaderlatch.client;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The latch's one socket at a time, and its closed flag. {@link #close()} closes whatever socket
 * is open at that moment, even one still connecting, and no socket is opened after it: once
 * {@code close()} returns, the membership has ended.
 */
final class SocketSlot {

    private final CountDownLatch closedSignal = new CountDownLatch(1);
    private Socket current;
    private boolean closed;

    /** A new unconnected socket, or null once closed. */
    synchronized Socket open() {
        if (closed) {
            return null;
        }
        current = new Socket();
        return current;
    }

    void release(Socket socket) {
        synchronized (this) {
            if (current == socket) {
                current = null;
            }
        }
        closeQuietly(socket);
    }

    synchronized boolean isClosed() {
        return closed;
    }

    void close() {
        Socket open;
        synchronized (this) {
            closed = true;
            open = current;
            current = null;
        }
        closedSignal.countDown();
        if (open != null) {
            closeQuietly(open);
        }
    }

    /** Waits {@code pause} unless closed first; false when closed. */
    boolean pause(Duration pause) {
        try {
            return !closedSignal.await(pause.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is all that was wanted; a socket that fails to close is closed enough.
        }
    }
}

package io.leaderlatch.spark;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One connection to a Riak node's protocol buffers listener, used by one thread: a request is a
 * frame (length, message code, body) and so is its answer. A Riak error answer becomes a
 * {@link RiakError}; a broken connection an {@link UncheckedIOException}, after which the
 * connection is closed.
 */
final class RiakConnection implements AutoCloseable {

    static final byte ERROR_RESP = 0;
    static final byte GET_REQ = 9;
    static final byte GET_RESP = 10;
    static final byte PUT_REQ = 11;
    static final byte PUT_RESP = 12;
    static final byte DEL_REQ = 13;
    static final byte DEL_RESP = 14;

    private static final int CONNECT_TIMEOUT_MILLIS = 2000;
    private static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final int MAX_FRAME = 64 * 1024 * 1024;

    /** An error answer from Riak: {@code failed} when a condition did not hold, among others. */
    static final class RiakError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RiakError(String message) {
            super(message);
        }

        boolean conditionFailed() {
            return getMessage().equals("failed");
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    private RiakConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = new DataOutputStream(socket.getOutputStream());
    }

    /** Connects to the first of {@code nodes} that accepts. */
    static RiakConnection open(List<InetSocketAddress> nodes) {
        IOException last = null;
        for (InetSocketAddress node : nodes) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(node.getHostString(), node.getPort()), CONNECT_TIMEOUT_MILLIS);
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
                socket.setTcpNoDelay(true);
                return new RiakConnection(socket);
            } catch (IOException e) {
                closeQuietly(socket);
                last = e;
            }
        }
        throw new UncheckedIOException("no Riak node of " + nodes + " accepts a connection", last);
    }

    /** Sends one request and returns the body of its answer, which must carry {@code expected}. */
    byte[] request(byte code, byte[] body, byte expected) {
        try {
            out.writeInt(body.length + 1);
            out.writeByte(code);
            out.write(body);
            out.flush();
            int length = in.readInt();
            if (length < 1 || length > MAX_FRAME) {
                throw new IOException("bad frame length " + length);
            }
            byte answer = in.readByte();
            byte[] answerBody = new byte[length - 1];
            in.readFully(answerBody);
            if (answer == ERROR_RESP) {
                String message = Protobuf.bytesField(answerBody, 1)
                        .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse("(no message)");
                throw new RiakError(message);
            }
            if (answer != expected) {
                throw new IOException("answer code " + answer + " to request code " + code);
            }
            return answerBody;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("Riak request failed: " + e.getMessage(), e);
        }
    }

    boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is all that is left to do with it.
        }
    }
}

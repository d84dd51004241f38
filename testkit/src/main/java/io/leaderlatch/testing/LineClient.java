package io.leaderlatch.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A test client over a real TCP socket, reading exactly what the service sends. Reads block with
 * the {@link Timing#patience()} bound, so a missing line fails the test instead of hanging it.
 */
public final class LineClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;

    private LineClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    public static LineClient connect(InetSocketAddress address) {
        try {
            Socket socket = new Socket();
            socket.connect(address, (int) Timing.patience().toMillis());
            socket.setSoTimeout((int) Timing.patience().toMillis());
            socket.setTcpNoDelay(true);
            return new LineClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + address, e);
        }
    }

    /** Sends {@code text} as it is: add the line terminator yourself. */
    public LineClient sendRaw(String text) {
        return sendRaw(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public LineClient sendRaw(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code line} ended by {@code \r\n}, as telnet does. */
    public LineClient send(String line) {
        return sendRaw(line + "\r\n");
    }

    /** Joins and returns the reply line. */
    public String join(String group, String client) {
        return send("JOIN " + group + " " + client).readLine();
    }

    /**
     * The next line, with its {@code \n} terminator, exactly as sent; fails on end of stream or
     * when nothing arrives in time.
     */
    public String readRawLine() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("connection closed by the service after '" + line + "'");
                }
                line.write(b);
                if (b == '\n') {
                    return line.toString(StandardCharsets.ISO_8859_1);
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no complete line within " + Timing.patience() + "; got '" + line + "'", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next line without its {@code \n}; asserts the service sent no {@code \r}. */
    public String readLine() {
        String raw = readRawLine();
        if (!raw.endsWith("\n") || raw.endsWith("\r\n")) {
            throw new AssertionError("line not ended by a lone \\n: '" + raw + "'");
        }
        return raw.substring(0, raw.length() - 1);
    }

    /** Waits until the service closes the connection; fails if any byte arrives first. */
    public void assertClosedByService() {
        try {
            int b = in.read();
            if (b >= 0) {
                throw new AssertionError("expected end of stream but got byte " + b);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the service did not close the connection within " + Timing.patience(), e);
        } catch (IOException e) {
            // A reset is a close too.
        }
    }

    /** True when bytes have arrived that nobody has read yet. */
    public boolean hasUnreadInput() {
        try {
            return in.available() > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes with a reset instead of a FIN, as a crashed client's kernel may. */
    public void reset() {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.leaderlatch.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Cuts what the service sends into lines. A read that times out returns empty and keeps any part
 * of a line already received, so the caller can look at its timers between reads.
 */
final class LineReader {

    /** The longest line the service sends is ALREADY_JOINED with two 256-byte names. */
    static final int MAX_LINE = 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[4096];
    private int start;
    private int end;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line without its terminator, or empty when nothing complete arrived before the socket's read timeout. */
    Optional<String> next() throws IOException {
        while (true) {
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    int stop = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
                    String line = new String(buffer, start, stop - start, StandardCharsets.US_ASCII);
                    start = i + 1;
                    return Optional.of(line);
                }
            }
            if (end - start > MAX_LINE) {
                throw new IOException("the service sent a line longer than " + MAX_LINE + " bytes");
            }
            compact();
            int read;
            try {
                read = in.read(buffer, end, buffer.length - end);
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            }
            if (read < 0) {
                throw new EOFException("the service closed the connection");
            }
            end += read;
        }
    }

    private void compact() {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
    }
}

package io.leaderlatch.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns one line of the protocol into a {@link Command}. The line comes without its terminator; a
 * single trailing {@code \r} is tolerated and dropped. A bad line becomes {@link Command.Invalid}
 * and a line over {@link ProtocolLimits#MAX_LINE_LENGTH} becomes {@link Command.LineTooLong}, never
 * an exception; a line of nothing but spaces yields no command at all.
 */
public final class CommandParser {

    private static final byte SPACE = ' ';
    private static final byte CR = '\r';
    private static final byte LAST_PRINTABLE = '~';
    private static final String JOIN = "JOIN";
    private static final String TERMS = "TERMS";

    private CommandParser() {
    }

    /**
     * Parses the readable bytes of {@code line} without moving its indexes.
     *
     * @return the command, or empty if the line is blank and should be ignored
     */
    public static Optional<Command> parse(ByteBuf line) {
        int start = line.readerIndex();
        int end = line.writerIndex();
        if (end > start && line.getByte(end - 1) == CR) {
            end--;
        }
        if (end - start > ProtocolLimits.MAX_LINE_LENGTH) {
            return Optional.of(new Command.LineTooLong());
        }
        for (int i = start; i < end; i++) {
            byte b = line.getByte(i);
            // Bytes are signed: everything from 0x80 up is negative and fails the first test.
            if (b < SPACE || b > LAST_PRINTABLE) {
                return Optional.of(invalid(String.format("non-printable byte 0x%02X", b & 0xFF)));
            }
        }
        List<String> tokens = tokens(line, start, end);
        if (tokens.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(command(tokens));
    }

    /** Parses a whole array as one line; see {@link #parse(ByteBuf)}. */
    public static Optional<Command> parse(byte[] line) {
        ByteBuf buf = Unpooled.wrappedBuffer(line);
        try {
            return parse(buf);
        } finally {
            buf.release();
        }
    }

    private static Command command(List<String> tokens) {
        if (TERMS.equals(tokens.get(0))) {
            return tokens.size() == 1 ? new Command.Terms() : invalid("TERMS takes no names");
        }
        if (!JOIN.equals(tokens.get(0))) {
            return invalid("unknown command");
        }
        if (tokens.size() != 3) {
            return invalid("JOIN needs <group> <client>");
        }
        String group = tokens.get(1);
        String client = tokens.get(2);
        // Every byte is ASCII by now, so a string's length is its length in bytes.
        if (group.length() > ProtocolLimits.MAX_NAME_LENGTH || client.length() > ProtocolLimits.MAX_NAME_LENGTH) {
            return invalid("name longer than " + ProtocolLimits.MAX_NAME_LENGTH + " bytes");
        }
        return new Command.Join(group, client);
    }

    /** Splits on runs of spaces; only called once every byte is known to be printable or a space. */
    private static List<String> tokens(ByteBuf line, int start, int end) {
        List<String> tokens = new ArrayList<>(3);
        int i = start;
        while (i < end) {
            while (i < end && line.getByte(i) == SPACE) {
                i++;
            }
            int from = i;
            while (i < end && line.getByte(i) != SPACE) {
                i++;
            }
            if (i > from) {
                tokens.add(line.toString(from, i - from, StandardCharsets.US_ASCII));
            }
        }
        return tokens;
    }

    private static Command invalid(String reason) {
        return new Command.Invalid(reason);
    }
}

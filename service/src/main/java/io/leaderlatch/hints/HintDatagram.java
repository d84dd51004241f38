package io.leaderlatch.hints;

import io.leaderlatch.protocol.ProtocolLimits;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The wire format of a change hint: one UDP datagram, {@code HINT <group>} in ASCII, nothing else.
 * The group name follows the protocol's rules (printable ASCII without spaces, at most
 * {@link ProtocolLimits#MAX_NAME_LENGTH} bytes), so anything else is not a hint.
 */
final class HintDatagram {

    private static final byte[] PREFIX = "HINT ".getBytes(StandardCharsets.US_ASCII);

    /** The longest hint; a receive buffer one byte longer tells a longer datagram apart. */
    static final int MAX_LENGTH = PREFIX.length + ProtocolLimits.MAX_NAME_LENGTH;

    private HintDatagram() {
    }

    static ByteBuffer encode(String group) {
        ByteBuffer buffer = ByteBuffer.allocate(PREFIX.length + group.length());
        buffer.put(PREFIX).put(group.getBytes(StandardCharsets.US_ASCII));
        return buffer.flip();
    }

    /** The group a received datagram names; empty for anything that is not a hint. */
    static Optional<String> decode(ByteBuffer datagram) {
        int length = datagram.remaining();
        if (length <= PREFIX.length || length > MAX_LENGTH) {
            return Optional.empty();
        }
        byte[] bytes = new byte[length];
        datagram.get(bytes);
        for (int i = 0; i < length; i++) {
            boolean valid = i < PREFIX.length ? bytes[i] == PREFIX[i] : bytes[i] > ' ' && bytes[i] <= '~';
            if (!valid) {
                return Optional.empty();
            }
        }
        return Optional.of(new String(bytes, PREFIX.length, length - PREFIX.length, StandardCharsets.US_ASCII));
    }
}

package io.leaderlatch.protocol;

/** The fixed limits of the line protocol; docs/protocol.md states the same numbers. */
public final class ProtocolLimits {

    /** Longest line in bytes, not counting the {@code \n} or {@code \r\n} that ends it. */
    public static final int MAX_LINE_LENGTH = 1024;

    /** Longest group or client name in bytes. */
    public static final int MAX_NAME_LENGTH = 256;

    private ProtocolLimits() {
    }
}

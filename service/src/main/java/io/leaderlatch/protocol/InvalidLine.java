package io.leaderlatch.protocol;

/** Why a line was answered {@code ERROR}; the {@code reason} tag of the invalid-lines meter. */
public enum InvalidLine {
    /** Not a valid command: an unknown word, wrong names, bytes a line may not hold. */
    MALFORMED,
    /** Longer than {@link ProtocolLimits#MAX_LINE_LENGTH}; the connection is closed after the answer. */
    TOO_LONG,
    /** {@code TERMS} after the connection's JOIN. */
    TERMS_AFTER_JOIN
}

package io.leaderlatch.testing.riak;

/** A request Riak refuses; the message is the {@code errmsg} of the {@code RpbErrorResp}. */
final class RiakError extends RuntimeException {

    /** The condition of a write in a consistent bucket type does not hold. */
    static final String FAILED = "failed";
    /** The request names a bucket type the cluster does not have. */
    static final String NO_TYPE = "no_type";
    /** A non-consistent put with {@code if_none_match} found the key. */
    static final String MATCH_FOUND = "match_found";

    RiakError(String message) {
        // No stack trace: this is an answer, not a fault of the server.
        super(message, null, false, false);
    }
}

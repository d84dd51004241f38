package io.leaderlatch.store.riak;

import com.basho.riak.client.core.NoNodesAvailableException;
import com.basho.riak.client.core.netty.RiakResponseException;

import java.util.concurrent.TimeoutException;

/**
 * What a failed request means, read from the cause chain riak-client and {@link RiakTransport}
 * leave: Riak's error reply in a strongly consistent bucket type, or a failure to reach Riak.
 *
 * @param kind the class of failure
 * @param detail what happened, for logs and messages
 */
record RiakFailure(Kind kind, String detail) {

    enum Kind {
        /** Riak answered {@code failed}: the write's condition did not hold, nothing was written. */
        CONDITION_FAILED(false),
        /** Riak answered {@code timeout}: no quorum or too slow; a write may have been applied. */
        RIAK_TIMEOUT(true),
        /** Riak answered {@code unavailable}: strong consistency is off on the nodes. */
        CONSISTENCY_OFF(false),
        /** Riak answered {@code no_type}: the bucket type does not exist. */
        NO_BUCKET_TYPE(false),
        /** Riak answered with another error; what it did to a write is not known. */
        OTHER_REPLY(true),
        /** No node gave a connection (all refused, unreachable or busy): nothing was sent. */
        UNREACHABLE(false),
        /** The request was never handed to a node. */
        NOT_SENT(false),
        /** No answer within the request timeout. */
        NO_ANSWER(true),
        /** The connection failed after the request was written. */
        CONNECTION_LOST(true),
        /** The store was closed while the request was outstanding. */
        CLOSED(true);

        private final boolean mayHaveApplied;

        Kind(boolean mayHaveApplied) {
            this.mayHaveApplied = mayHaveApplied;
        }
    }

    // A cause chain that loops back on itself must not loop this reader.
    private static final int MAX_DEPTH = 16;

    /** True when a write that failed this way may nevertheless have been applied. */
    boolean mayHaveApplied() {
        return kind.mayHaveApplied;
    }

    static RiakFailure of(Throwable error) {
        Throwable cause = error;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            RiakFailure failure = direct(cause);
            if (failure != null) {
                return failure;
            }
        }
        return new RiakFailure(Kind.CONNECTION_LOST, "connection to Riak failed: " + error);
    }

    private static RiakFailure direct(Throwable cause) {
        if (cause instanceof RiakResponseException reply) {
            return reply(String.valueOf(reply.getMessage()).trim());
        }
        if (cause instanceof NoNodesAvailableException) {
            return new RiakFailure(Kind.UNREACHABLE, "no Riak node accepted a connection");
        }
        if (cause instanceof RiakTransport.NotSentException) {
            return new RiakFailure(Kind.NOT_SENT, cause.getMessage());
        }
        if (cause instanceof RiakTransport.ClosedException) {
            return new RiakFailure(Kind.CLOSED, cause.getMessage());
        }
        if (cause instanceof TimeoutException) {
            return new RiakFailure(Kind.NO_ANSWER, "no answer from Riak within the request timeout");
        }
        return null;
    }

    private static RiakFailure reply(String message) {
        Kind kind = switch (message) {
            case "failed" -> Kind.CONDITION_FAILED;
            case "timeout" -> Kind.RIAK_TIMEOUT;
            case "unavailable" -> Kind.CONSISTENCY_OFF;
            case "no_type" -> Kind.NO_BUCKET_TYPE;
            default -> Kind.OTHER_REPLY;
        };
        return new RiakFailure(kind, "Riak answered " + message);
    }
}

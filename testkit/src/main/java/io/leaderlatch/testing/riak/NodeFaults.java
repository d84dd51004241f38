package io.leaderlatch.testing.riak;

import java.util.concurrent.atomic.AtomicInteger;

/** The faults a test has switched on for one node: set from test threads, read on event loops. */
final class NodeFaults {

    /** What the node does with one request. */
    enum Treatment {
        ANSWER,
        /** Read it and never answer. */
        IGNORE,
        /** Answer {@code timeout} without applying it. */
        ANSWER_TIMEOUT,
        /** Answer {@code unavailable} without applying it. */
        ANSWER_UNAVAILABLE,
        /** Apply it as usual, then answer {@code timeout} whatever the outcome. */
        APPLY_THEN_TIMEOUT
    }

    private volatile boolean cutOff;
    private volatile Treatment standing = Treatment.ANSWER;
    private volatile RequestLatency latency = RequestLatency.NONE;
    private final AtomicInteger writesToTimeOut = new AtomicInteger();

    Treatment treatmentOf(PbMessage request) {
        Treatment treatment = standing;
        // A node without quorum still answers ping and server info: only key/value requests
        // need the ensemble. A stalled node answers nothing.
        if (treatment == Treatment.IGNORE || treatment != Treatment.ANSWER && request.isKeyValue()) {
            return treatment;
        }
        if (request.isWrite() && writesToTimeOut.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return Treatment.APPLY_THEN_TIMEOUT;
        }
        return Treatment.ANSWER;
    }

    boolean isCutOff() {
        return cutOff;
    }

    RequestLatency latency() {
        return latency;
    }

    void cutOff() {
        cutOff = true;
    }

    void stall() {
        standing = Treatment.IGNORE;
    }

    void answerTimeout() {
        standing = Treatment.ANSWER_TIMEOUT;
    }

    void answerUnavailable() {
        standing = Treatment.ANSWER_UNAVAILABLE;
    }

    void applyThenTimeout(int writes) {
        if (writes < 0) {
            throw new IllegalArgumentException("writes must not be negative: " + writes);
        }
        writesToTimeOut.set(writes);
    }

    void latency(RequestLatency delays) {
        latency = delays;
    }

    void restore() {
        cutOff = false;
        standing = Treatment.ANSWER;
        latency = RequestLatency.NONE;
        writesToTimeOut.set(0);
    }
}

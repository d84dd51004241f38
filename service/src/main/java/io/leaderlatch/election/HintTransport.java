package io.leaderlatch.election;

import java.util.Optional;

/**
 * How change hints travel between instances. A hint names a group that its sender has just
 * changed; its receiver re-reads that group at once instead of at its next poll. Hints are advisory:
 * one that is lost costs at most a poll interval, one that is forged costs a read.
 */
public interface HintTransport {

    /** Neither takes nor sends hints: other instances learn of this one's changes by polling. */
    HintTransport NONE = new HintTransport() {
        @Override
        public Optional<String> address() {
            return Optional.empty();
        }

        @Override
        public void send(String address, String group) {
        }
    };

    /**
     * Where other instances send this one hints, published in its instance record; printable ASCII
     * without spaces. Empty when it takes none.
     */
    Optional<String> address();

    /**
     * Sends a hint naming {@code group} to {@code address}, as another instance published it. Called
     * on the coordinator's thread, so it must not block: a hint that cannot go at once is dropped.
     */
    void send(String address, String group);
}

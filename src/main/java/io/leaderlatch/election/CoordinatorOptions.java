package io.leaderlatch.election;

import java.time.Duration;

/**
 * The coordinator's tunables, taken from {@code leader-latch.election} at start-up.
 *
 * @param instanceId this service instance's id, unique per start
 * @param conflictRetries how often one batch of changes to a group is re-read and retried after a
 *                        lost conditional write before it is answered as unavailable
 * @param retryBackoff first pause before a departure that could not be written is tried again
 * @param retryBackoffMax the longest such pause
 */
public record CoordinatorOptions(String instanceId, int conflictRetries, Duration retryBackoff,
                                 Duration retryBackoffMax) {

    public CoordinatorOptions {
        if (instanceId.isEmpty() || instanceId.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new IllegalArgumentException("instance id must be printable ASCII without spaces: " + instanceId);
        }
        if (conflictRetries < 1) {
            throw new IllegalArgumentException("conflictRetries must be at least 1");
        }
    }
}

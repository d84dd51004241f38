package io.leaderlatch.election;

import java.time.Duration;

/**
 * The coordinator's tunables, taken from {@code leader-latch.election} at start-up.
 *
 * @param instanceId this service instance's id, unique per start; printable ASCII without spaces
 * @param conflictRetries how often one batch of changes to a group is re-read and retried after a
 *                        lost conditional write before it is answered as unavailable
 * @param retryBackoff first pause before a departure that could not be written is tried again
 * @param retryBackoffMax the longest such pause
 * @param lease how long others wait, once this instance's heartbeat stands still, before they
 *              remove its members
 * @param renewInterval how often the heartbeat is renewed
 * @param fenceMargin the instance fences itself {@code lease - fenceMargin} after the start of its
 *                    last successful renewal
 * @param pollInterval how often groups with local members, and the heartbeats of the other
 *                     instances in them, are re-read
 */
public record CoordinatorOptions(String instanceId, int conflictRetries, Duration retryBackoff,
                                 Duration retryBackoffMax, Duration lease, Duration renewInterval,
                                 Duration fenceMargin, Duration pollInterval) {

    public CoordinatorOptions {
        if (instanceId.isEmpty() || instanceId.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new IllegalArgumentException("instance id must be printable ASCII without spaces: " + instanceId);
        }
        if (conflictRetries < 1) {
            throw new IllegalArgumentException("conflictRetries must be at least 1");
        }
        if (fenceMargin.compareTo(lease) >= 0 || renewInterval.compareTo(lease.minus(fenceMargin)) >= 0) {
            throw new IllegalArgumentException("need renewInterval < lease - fenceMargin, fenceMargin < lease");
        }
    }

    /** How long after the start of its last successful renewal this instance may still act. */
    Duration validity() {
        return lease.minus(fenceMargin);
    }
}

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
 * @param pollInterval how often the heartbeats of the other instances, and the instance index, are
 *                     re-read: it bounds how late a dead instance is noticed
 * @param sharedPollInterval how often a shard holding groups shared with other instances is re-read
 *                           when nothing else has read or written it, a safety net behind change hints
 */
public record CoordinatorOptions(String instanceId, int conflictRetries, Duration retryBackoff,
                                 Duration retryBackoffMax, Duration lease, Duration renewInterval,
                                 Duration fenceMargin, Duration pollInterval, Duration sharedPollInterval) {

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

    /**
     * How long a JOIN may wait for its answer before it is refused as unavailable: two leases, time
     * for another instance's fate to be decided (vouched for, or declared dead and removed) even if
     * this instance learnt of it only when the JOIN came.
     */
    Duration answerLimit() {
        return lease.multipliedBy(2);
    }

    /** How long after the start of its last successful renewal this instance may still act. */
    Duration validity() {
        return lease.minus(fenceMargin);
    }
}

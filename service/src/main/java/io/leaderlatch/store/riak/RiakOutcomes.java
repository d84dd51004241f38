package io.leaderlatch.store.riak;

import io.leaderlatch.store.Conflict;
import io.leaderlatch.store.ReadOutcome;
import io.leaderlatch.store.Unavailable;
import io.leaderlatch.store.WriteOutcome;

/** Turns failed requests into the SPI's outcomes. */
final class RiakOutcomes {

    private final String bucketType;

    RiakOutcomes(String bucketType) {
        this.bucketType = bucketType;
    }

    ReadOutcome read(Throwable error) {
        return unavailable(RiakFailure.of(error), false);
    }

    /**
     * {@code failed} is the only failure that proves a write was not applied because of its
     * condition; every failure that may have happened after Riak received the write leaves its
     * outcome unknown.
     */
    WriteOutcome write(Throwable error) {
        RiakFailure failure = RiakFailure.of(error);
        if (failure.kind() == RiakFailure.Kind.CONDITION_FAILED) {
            return new Conflict();
        }
        return unavailable(failure, failure.mayHaveApplied());
    }

    private Unavailable unavailable(RiakFailure failure, boolean outcomeUnknown) {
        String reason = switch (failure.kind()) {
            case NO_BUCKET_TYPE -> "Riak bucket type '" + bucketType + "' does not exist";
            case CONSISTENCY_OFF -> "Riak answered unavailable: strong consistency is off";
            case RIAK_TIMEOUT -> "Riak answered timeout: no quorum, or too slow";
            default -> failure.detail();
        };
        return new Unavailable(reason, outcomeUnknown);
    }
}

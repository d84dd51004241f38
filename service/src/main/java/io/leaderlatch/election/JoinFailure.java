package io.leaderlatch.election;

/** Why the coordinator could not add a member to a group. */
public enum JoinFailure {
    /** The store could not confirm the change (no quorum, unreachable, timed out). */
    STORE_UNAVAILABLE,
    /** An open connection is already a member of the group under the same client name. */
    NAME_IN_USE
}

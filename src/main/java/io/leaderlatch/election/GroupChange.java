package io.leaderlatch.election;

/** One change this instance asks for in a group's record. Applying a change twice is harmless. */
sealed interface GroupChange {

    MemberId id();

    /** Add a member at the end of the join order, unless another member holds its client name. */
    record Join(GroupMember member) implements GroupChange {
        @Override
        public MemberId id() {
            return member.id();
        }
    }

    /**
     * Remove a member.
     *
     * @param departedAt {@link System#nanoTime()} when the departure was noticed, for the failover timer
     */
    record Leave(MemberId id, long departedAt) implements GroupChange {
    }
}

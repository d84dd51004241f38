package io.leaderlatch.election;

/** One change this instance asks for in a group's record. Applying a change twice is harmless. */
sealed interface GroupChange {

    /** This change applied to {@code record}; the same record when it changes nothing. */
    GroupRecord applyTo(GroupRecord record);

    /** Add a member at the end of the join order, unless another member holds its client name. */
    record Join(GroupMember member) implements GroupChange {

        MemberId id() {
            return member.id();
        }

        /** True when another member already holds this client name: the join must be refused. */
        boolean refusedBy(GroupRecord record) {
            return record.byClient(member.client()).filter(holder -> !holder.id().equals(id())).isPresent();
        }

        @Override
        public GroupRecord applyTo(GroupRecord record) {
            return refusedBy(record) ? record : record.withMember(member);
        }
    }

    /**
     * Remove a member.
     *
     * @param departedAt {@link System#nanoTime()} when the departure was noticed, for the failover timer
     */
    record Leave(MemberId id, long departedAt) implements GroupChange {

        @Override
        public GroupRecord applyTo(GroupRecord record) {
            return record.without(id);
        }
    }

    /** Remove every member of an instance that other instances declared dead. */
    record RemoveInstance(String instanceId, long declaredAt) implements GroupChange {

        @Override
        public GroupRecord applyTo(GroupRecord record) {
            return record.withoutInstance(instanceId);
        }
    }
}

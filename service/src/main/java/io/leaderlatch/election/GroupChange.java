package io.leaderlatch.election;

/**
 * One change this instance asks for in a shard's record. Applying a change twice is harmless.
 */
sealed interface GroupChange {

    /** This change applied to the shard being edited. */
    void applyTo(ShardRecord.Editor shard);

    /** Add a member at the end of a group's join order, unless another member holds its client name. */
    record Join(String group, GroupMember member) implements GroupChange {

        MemberId id() {
            return member.id();
        }

        /** True when another member already holds this client name: the join must be refused. */
        boolean refusedBy(GroupRecord record) {
            return record.byClient(member.client()).filter(holder -> !holder.id().equals(id())).isPresent();
        }

        @Override
        public void applyTo(ShardRecord.Editor shard) {
            GroupRecord record = shard.group(group);
            if (!refusedBy(record)) {
                shard.put(group, record.withMember(member));
            }
        }
    }

    /**
     * Remove a member.
     *
     * @param departedAt {@link System#nanoTime()} when the departure was noticed, for the failover timer
     */
    record Leave(String group, MemberId id, long departedAt) implements GroupChange {

        @Override
        public void applyTo(ShardRecord.Editor shard) {
            shard.put(group, shard.group(group).without(id));
        }
    }

    /** Remove every member of an instance that is dead, from every group of the shard. */
    record RemoveInstance(String instanceId, long declaredAt) implements GroupChange {

        @Override
        public void applyTo(ShardRecord.Editor shard) {
            shard.removeInstance(instanceId);
        }
    }
}

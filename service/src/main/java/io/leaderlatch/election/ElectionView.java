package io.leaderlatch.election;

import java.util.List;
import java.util.Optional;

/**
 * What an operator sees of the election, read from the store (so any instance shows every group
 * and every instance): values only, for the instance MBean and {@code leader-latch groups} and
 * {@code instances}.
 */
public final class ElectionView {

    private ElectionView() {
    }

    /**
     * One group: its term and its members in join order, the leader first.
     *
     * @param term the term the leader took the lead in; grows with every change of leader
     */
    public record Group(String name, long term, List<Member> members) {

        public Group {
            members = List.copyOf(members);
        }

        public String leader() {
            return members.get(0).client();
        }
    }

    /**
     * One member of a group.
     *
     * @param instance the instance that holds its connection
     * @param joinedAt epoch milliseconds on that instance's clock; 0 when not known
     */
    public record Member(String client, String instance, long joinedAt) {
    }

    /**
     * One instance, as its record says and as the instance that reads it has watched it.
     *
     * @param heartbeat the heartbeat counter in its record
     * @param leaseMillis the lease it runs with
     * @param unchangedForMillis how long the reading instance has seen the heartbeat stand still,
     *                           on its own clock; empty when it has not watched it long enough to say
     * @param self whether this is the instance that read it
     * @param hints where it takes change hints, if it does
     */
    public record Instance(String id, long heartbeat, long leaseMillis, Optional<Long> unchangedForMillis,
                           boolean self, Optional<String> hints) {
    }
}

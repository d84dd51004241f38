package io.leaderlatch.election;

/**
 * A client connection as the coordinator sees it. The coordinator calls these methods from its
 * own thread, one at a time and in the order the events happened; an implementation hands them to
 * its I/O thread and must not block.
 */
public interface ElectionMember {

    /**
     * The JOIN was written to the store; {@code leader} is the group's leader at that moment, and
     * {@code term} the term it took the lead in (it grows with every change of leader).
     */
    void joined(String leader, long term);

    /** The group's leader changed after this member joined, to one in {@code term}; only on a real change. */
    void leaderChanged(String leader, long term);

    /** The JOIN could not be done; the member is not in the group and should be disconnected. */
    void joinFailed(JoinFailure failure);

    /**
     * The membership can no longer be vouched for (this instance lost its lease, or other
     * instances removed the member): close the connection. Its departure is written once the
     * connection has closed, so nobody else is told they lead before this member's connection ends.
     */
    void evicted();
}

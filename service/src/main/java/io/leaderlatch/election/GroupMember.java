package io.leaderlatch.election;

/**
 * One entry of a group record: who the member is, the client name it joined with, and when it
 * joined.
 *
 * @param joinedAt milliseconds since the epoch on the clock of the instance that wrote the join,
 *                 for people reading the record ({@code leader-latch groups}); no rule depends on
 *                 it, since clocks of different hosts need not agree. 0 when not known
 */
public record GroupMember(MemberId id, String client, long joinedAt) {

    /** A member whose joining time is not known (tests, records written before it was kept). */
    public GroupMember(MemberId id, String client) {
        this(id, client, 0);
    }
}

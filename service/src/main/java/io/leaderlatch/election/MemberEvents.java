package io.leaderlatch.election;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one logger of per-member events: a member joined, left, was told of a new leader, was
 * refused or evicted. They are logged at DEBUG, since one failover in a group of 15,000 members
 * is 15,000 of them; what a group as a whole does (its leader changed) is INFO. One name of its
 * own lets operators turn these on alone ({@code LEADER_LATCH_MEMBER_LOG_LEVEL=DEBUG}) without
 * every connection's DEBUG lines.
 */
public final class MemberEvents {

    public static final String NAME = "io.leaderlatch.members";
    public static final Logger LOG = LoggerFactory.getLogger(NAME);

    private MemberEvents() {
    }
}

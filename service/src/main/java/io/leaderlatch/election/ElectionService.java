package io.leaderlatch.election;

import java.time.Duration;

/**
 * What a client connection needs of this instance's elections: to join a group, to leave it, and
 * to know whether a membership may be confirmed now. {@link ElectionCoordinator} implements it;
 * sessions see only this, so they are tested against a fake and never reach the coordinator's
 * lifecycle or its operator views. Every method may be called from any thread and never waits.
 */
public interface ElectionService {

    /**
     * Asks for {@code member} to join {@code group} as {@code client}. The answer comes through
     * {@link ElectionMember#joined} or {@link ElectionMember#joinFailed}.
     */
    void join(String group, String client, ElectionMember member);

    /**
     * Ends {@code member}'s membership (its connection closed). Does nothing for a member that
     * never joined or whose join already failed.
     */
    void leave(ElectionMember member);

    /**
     * True if this instance holds its lease at this very moment, on the caller's clock reading.
     * Never late: it does not wait for the timer that fences, which may run late after the process
     * was paused.
     */
    boolean holdsLeaseNow();

    /**
     * How long a confirmation answered by this instance vouches for a leadership: the fence
     * margin (docs/protocol.md, "Confirming leadership").
     */
    Duration confirmationWindow();
}

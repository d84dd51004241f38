package io.leaderlatch.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/** Joining and leaving many participants at once, for the scenarios. */
final class Members {

    /** The bound of any one wait in a scenario. */
    static final Duration BOUND = Duration.ofSeconds(120);

    private Members() {
    }

    /** Starts {@code count} participants of {@code group} at once, named {@code prefix0...}; does not wait. */
    static List<Participant> joinAll(Contender contender, String group, String prefix, int count) {
        List<Participant> members = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            members.add(contender.join(group, prefix + i));
        }
        return members;
    }

    /** Joins one participant and waits until it knows who leads. */
    static Participant joinAndWait(Contender contender, String group, String name) {
        Participant member = contender.join(group, name);
        Bounded.get(member.knowsLeader(), BOUND, name + " to join " + group);
        return member;
    }

    /** Waits until every participant knows who leads; returns when the last one learnt it. */
    static long awaitKnown(Collection<Participant> members, String what) {
        return Bounded.latest(members.stream().map(Participant::knowsLeader).toList(), BOUND, what);
    }

    /**
     * Joins {@code groups × perGroup} participants with at most {@code window} joins under way at a
     * time (a server's listen backlog is finite), and waits until all know who leads.
     */
    static List<Participant> joinInWaves(Contender contender, List<String> groups, int perGroup, int window) {
        Semaphore slots = new Semaphore(window);
        List<Participant> members = new ArrayList<>(groups.size() * perGroup);
        for (String group : groups) {
            for (int i = 0; i < perGroup; i++) {
                acquire(slots);
                Participant member = contender.join(group, "m" + i);
                var unused = member.knowsLeader().whenComplete((t, e) -> slots.release());
                members.add(member);
            }
        }
        awaitKnown(members, members.size() + " members to join");
        return members;
    }

    private static void acquire(Semaphore slots) {
        try {
            if (!slots.tryAcquire(BOUND.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new BenchFailure("joins did not complete within " + BOUND.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted while joining");
        }
    }

    /** Leaves every participant, then lets the contender finish what leaving started. */
    static void leaveAll(Contender contender, Collection<Participant> members) {
        members.forEach(Participant::leave);
        contender.settle(BOUND);
    }

    /** The one member of {@code members} told it leads; fails if none or more than one is. */
    static Participant leader(Collection<Participant> members) {
        List<Participant> leaders = members.stream().filter(m -> m.leads().isDone() && !m.leads().isCompletedExceptionally()).toList();
        if (leaders.size() != 1) {
            throw new BenchFailure(leaders.size() + " members told they lead, not one");
        }
        return leaders.get(0);
    }

    static List<CompletableFuture<Long>> leads(Collection<Participant> members) {
        return members.stream().map(Participant::leads).toList();
    }
}

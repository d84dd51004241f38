package io.leaderlatch.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One group with a member on each of three instances over the Riak-like store; the leader closes
 * its connection: until the next member, on another instance, is told it leads. That instance learns
 * of the change from the change hint the leader's instance sends it, or, with hints switched off, at
 * its next poll, so that the poll interval bounds this. The member that left is replaced
 * at the back on its instance, so the leader moves round the instances. Each failover waits a random
 * part of a poll interval first, so that failovers do not fall in step with the polls.
 */
final class CrossInstanceFailover implements Scenario {

    private final ContenderKind kind;
    private final int reps;
    private final Metric metric;

    CrossInstanceFailover(Duration pollInterval, boolean hints, int reps, RiakLatency latency) {
        this.kind = ContenderKind.riak(pollInterval, hints);
        this.reps = reps;
        this.metric = new Metric(String.format(Locale.ROOT, "Riak-like store (%s), 3 instances, poll-interval %d ms,"
                + " change hints %s: clean failover to a member on another instance", latency.describe(),
                pollInterval.toMillis(), hints ? "on" : "off"), Unit.TIME);
    }

    @Override
    public String id() {
        return "riak-cross-" + kind.pollInterval().toMillis() + "ms" + (kind.hints() ? "" : "-no-hints");
    }

    @Override
    public List<Metric> metrics() {
        return List.of(metric);
    }

    @Override
    public List<ContenderKind> contenders() {
        return List.of(kind);
    }

    @Override
    public void run(Contender contender, Recorder out) {
        RiakContender riak = (RiakContender) contender;
        String group = Groups.next("cross");
        List<Participant> members = new ArrayList<>();
        List<Integer> instanceOf = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < RiakContender.INSTANCES; i++) {
            members.add(joinAndWait(riak, i, group, "m" + next++));
            instanceOf.add(i);
        }
        for (int i = 0; i < reps; i++) {
            Participant leader = members.remove(0);
            int instance = instanceOf.remove(0);
            Participant successor = members.get(0);
            pause(ThreadLocalRandom.current().nextLong(kind.pollInterval().toNanos()));
            long start = System.nanoTime();
            leader.leave();
            long told = Bounded.get(successor.leads(), Members.BOUND, "the successor in " + group + " to lead");
            out.recordTime(metric, start, told);
            Members.leader(members);
            members.add(joinAndWait(riak, instance, group, "m" + next++));
            instanceOf.add(instance);
        }
        Members.leaveAll(contender, members);
    }

    private static void pause(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted");
        }
    }

    private static Participant joinAndWait(RiakContender riak, int instance, String group, String name) {
        Participant member = riak.join(instance, group, name);
        Bounded.get(member.knowsLeader(), Members.BOUND, name + " to join " + group + " on instance " + instance);
        return member;
    }
}

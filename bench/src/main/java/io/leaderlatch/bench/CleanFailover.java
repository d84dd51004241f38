package io.leaderlatch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A group of {@code n} members whose leader closes its connection (this service) or its latch
 * (ZooKeeper): until the next leader is told it leads. Each failover is followed by a new member
 * joining at the back, so one group gives several samples.
 */
final class CleanFailover implements Scenario {

    private final Metric metric;
    private final List<ContenderKind> contenders;
    private final int size;
    private final int reps;

    CleanFailover(String label, List<ContenderKind> contenders, int size, int reps) {
        this.metric = new Metric(label, Unit.TIME);
        this.contenders = contenders;
        this.size = size;
        this.reps = reps;
    }

    static CleanFailover againstZooKeeper(int size, int reps) {
        return new CleanFailover(String.format(Locale.ROOT, "clean failover, N = %,d: the next leader knows", size),
                List.of(ContenderKind.SERVICE, ContenderKind.ZOOKEEPER), size, reps);
    }

    @Override
    public String id() {
        return "failover-" + size + (contenders.get(0).isRiak() ? "-riak" : "");
    }

    @Override
    public List<Metric> metrics() {
        return List.of(metric);
    }

    @Override
    public List<ContenderKind> contenders() {
        return contenders;
    }

    @Override
    public void run(Contender contender, Recorder out) {
        String group = Groups.next("failover");
        List<Participant> members = new ArrayList<>();
        members.add(contender.join(group, "m0"));
        Bounded.get(members.get(0).leads(), Members.BOUND, "the first member of " + group + " to lead");
        for (int i = 1; i < size; i++) {
            members.add(contender.join(group, "m" + i));
        }
        Members.awaitKnown(members, size + " members of " + group + " to join");
        int next = size;
        for (int i = 0; i < reps; i++) {
            Participant leader = Members.leader(members);
            members.remove(leader);
            long start = System.nanoTime();
            leader.leave();
            long told = Bounded.first(Members.leads(members), Members.BOUND, "a successor in " + group + " to lead");
            out.recordTime(metric, start, told);
            Members.leader(members);
            members.add(Members.joinAndWait(contender, group, "m" + next++));
        }
        Members.leaveAll(contender, members);
    }
}

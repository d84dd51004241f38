package io.leaderlatch.bench;

import java.util.List;

/** A new client connects and joins an empty group: until it knows it leads. */
final class FirstLeader implements Scenario {

    private final Metric metric;
    private final List<ContenderKind> contenders;
    private final int reps;

    FirstLeader(String label, List<ContenderKind> contenders, int reps) {
        this.metric = new Metric(label, Unit.TIME);
        this.contenders = contenders;
        this.reps = reps;
    }

    @Override
    public String id() {
        return "first-leader" + (contenders.get(0).isRiak() ? "-riak" : "");
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
        for (int i = 0; i < reps; i++) {
            String group = Groups.next("first");
            long start = System.nanoTime();
            Participant member = contender.join(group, "a");
            long leads = Bounded.get(member.leads(), Members.BOUND, "the first member of " + group + " to lead");
            out.recordTime(metric, start, leads);
            member.leave();
        }
        contender.settle(Members.BOUND);
    }
}

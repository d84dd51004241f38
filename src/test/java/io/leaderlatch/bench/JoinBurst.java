package io.leaderlatch.bench;

import java.util.List;
import java.util.Locale;

/** {@code n} new clients join one empty group at once: until every one knows who leads. */
final class JoinBurst implements Scenario {

    private final int size;
    private final int reps;
    private final Metric metric;

    JoinBurst(int size, int reps) {
        this.size = size;
        this.reps = reps;
        this.metric = new Metric(String.format(Locale.ROOT, "join burst, N = %,d: all know the leader", size), Unit.TIME);
    }

    @Override
    public String id() {
        return "burst-" + size;
    }

    @Override
    public List<Metric> metrics() {
        return List.of(metric);
    }

    @Override
    public List<ContenderKind> contenders() {
        return List.of(ContenderKind.SERVICE, ContenderKind.ZOOKEEPER);
    }

    @Override
    public void run(Contender contender, Recorder out) {
        for (int i = 0; i < reps; i++) {
            String group = Groups.next("burst");
            long start = System.nanoTime();
            List<Participant> members = Members.joinAll(contender, group, "m", size);
            long allKnow = Members.awaitKnown(members, size + " members of " + group + " to know the leader");
            out.recordTime(metric, start, allKnow);
            Members.leaveAll(contender, members);
        }
    }
}

package io.leaderlatch.bench;

import java.util.List;
import java.util.Locale;

/** {@code n} new clients join one empty group at once: until every one knows who leads. */
final class JoinBurst implements Scenario {

    /** From this size on, the table also shows how much of a burst is this JVM opening its clients. */
    private static final int SHOW_OPENING = 100;

    private final int size;
    private final int reps;
    private final Metric metric;
    private final Metric opening;

    JoinBurst(int size, int reps) {
        this.size = size;
        this.reps = reps;
        this.metric = new Metric(String.format(Locale.ROOT, "join burst, N = %,d: all know the leader", size), Unit.TIME);
        this.opening = new Metric(String.format(Locale.ROOT, "join burst, N = %,d: of which this JVM opening the"
                + " connections / starting the Curator clients, one after another", size), Unit.TIME);
    }

    @Override
    public String id() {
        return "burst-" + size;
    }

    @Override
    public List<Metric> metrics() {
        return size >= SHOW_OPENING ? List.of(metric, opening) : List.of(metric);
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
            if (size >= SHOW_OPENING) {
                out.recordTime(opening, start, System.nanoTime());
            }
            long allKnow = Members.awaitKnown(members, size + " members of " + group + " to know the leader");
            out.recordTime(metric, start, allKnow);
            Members.leaveAll(contender, members);
        }
    }
}

package io.leaderlatch.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The server's live heap (after a full collection) with {@code members} members in groups of two,
 * less its live heap before they joined, per member: their connections or sessions included.
 */
final class HeapPerMember implements Scenario {

    /** Joins under way at once while filling the server. */
    private static final int WINDOW = 500;
    /** Classes named in the note on where the heap goes. */
    private static final int LISTED = 12;

    private final int members;
    private final List<ContenderKind> contenders;
    private final Metric metric;

    HeapPerMember(int members, List<ContenderKind> contenders, String why) {
        this.members = members;
        this.contenders = contenders;
        this.metric = new Metric(String.format(Locale.ROOT,
                "live server heap per member, %,d members in groups of 2, connection or session included%s",
                members, why), Unit.BYTES);
    }

    @Override
    public String id() {
        return "heap-" + members;
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
        HeapProbe.Histogram before = HeapProbe.histogram(contender.serverPid());
        List<String> groups = new ArrayList<>(members / 2);
        for (int i = 0; i < members / 2; i++) {
            groups.add(Groups.next("heap"));
        }
        List<Participant> joined = Members.joinInWaves(contender, groups, 2, WINDOW);
        int clientThreads = ManagementFactory.getThreadMXBean().getThreadCount();
        HeapProbe.Histogram after = HeapProbe.histogram(contender.serverPid());
        out.record(metric, (double) (after.total() - before.total()) / joined.size());
        out.note(metric, String.format(Locale.ROOT, "%s, %,d members, largest growth per member: ", contender.label(),
                joined.size()) + after.largestGrowth(before, LISTED).stream()
                .map(e -> String.format(Locale.ROOT, "`%s` %.0f B", e.getKey(), (double) e.getValue() / joined.size()))
                .collect(Collectors.joining(", ")) + "; the client JVM ran " + clientThreads + " threads.");
        Members.leaveAll(contender, joined);
    }
}

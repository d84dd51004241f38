package io.leaderlatch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code groups} groups of two members join at once: until all know who leads. Then every leader
 * leaves at once: until every successor knows it leads.
 */
final class ManyGroups implements Scenario {

    private final int groups;
    private final Metric joined;
    private final Metric failedOver;

    ManyGroups(int groups) {
        this.groups = groups;
        this.joined = new Metric(String.format(Locale.ROOT, "%,d groups × 2 join at once: all know the leader", groups),
                Unit.TIME);
        this.failedOver = new Metric(String.format(Locale.ROOT,
                "%,d groups × 2, every leader leaves at once: all successors know", groups), Unit.TIME);
    }

    @Override
    public String id() {
        return "groups-" + groups;
    }

    @Override
    public List<Metric> metrics() {
        return List.of(joined, failedOver);
    }

    @Override
    public List<ContenderKind> contenders() {
        return List.of(ContenderKind.SERVICE, ContenderKind.ZOOKEEPER);
    }

    @Override
    public void run(Contender contender, Recorder out) {
        List<List<Participant>> pairs = new ArrayList<>(groups);
        List<Participant> all = new ArrayList<>(2 * groups);
        long start = System.nanoTime();
        for (int i = 0; i < groups; i++) {
            String group = Groups.next("pair");
            List<Participant> pair = List.of(contender.join(group, "a"), contender.join(group, "b"));
            pairs.add(pair);
            all.addAll(pair);
        }
        out.recordTime(joined, start, Members.awaitKnown(all, all.size() + " members to know their leader"));

        List<Participant> leaders = new ArrayList<>(groups);
        List<Participant> successors = new ArrayList<>(groups);
        for (List<Participant> pair : pairs) {
            Participant leader = Members.leader(pair);
            leaders.add(leader);
            successors.add(pair.get(0) == leader ? pair.get(1) : pair.get(0));
        }
        long leaving = System.nanoTime();
        leaders.forEach(Participant::leave);
        long allTold = Bounded.latest(Members.leads(successors), Members.BOUND, groups + " successors to lead");
        out.recordTime(failedOver, leaving, allTold);
        Members.leaveAll(contender, successors);
    }
}

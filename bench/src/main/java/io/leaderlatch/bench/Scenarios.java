package io.leaderlatch.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Every scenario of the benchmark, in the order they run. */
final class Scenarios {

    private Scenarios() {
    }

    static List<Scenario> all(Sizes sizes, RiakLatency latency) {
        List<ContenderKind> both = List.of(ContenderKind.SERVICE, ContenderKind.ZOOKEEPER);
        List<Scenario> scenarios = new ArrayList<>();
        scenarios.add(new FirstLeader("first leader: connect and join an empty group, until it knows it leads",
                both, sizes.reps()));
        sizes.bursts().forEach(n -> scenarios.add(new JoinBurst(n, sizes.repsFor(n))));
        sizes.failovers().forEach(n -> scenarios.add(CleanFailover.againstZooKeeper(n,
                n <= 2 ? sizes.reps() : Math.max(1, sizes.reps() / 4))));
        scenarios.add(new CrashFailover("session timeout " + CuratorClients.CRASH_SESSION_TIMEOUT_MS / 1000 + " s"));
        scenarios.add(new ManyGroups(sizes.groups()));
        scenarios.add(new Churn(sizes.churnGroups(), sizes.churnWindow()));
        scenarios.add(new HeapPerMember(sizes.heapBoth(), both, ""));
        scenarios.add(new HeapPerMember(sizes.heapServiceOnly(), List.of(ContenderKind.SERVICE),
                " (ZooKeeper: too many client threads for this machine)"));
        Duration defaultPoll = Duration.ofSeconds(1);
        List<ContenderKind> riak = List.of(ContenderKind.riak(sizes.riakPolls().contains(defaultPoll)
                ? defaultPoll : sizes.riakPolls().get(0), true));
        scenarios.add(new FirstLeader("Riak-like store (" + latency.describe() + "), one instance: first leader",
                riak, sizes.reps()));
        scenarios.add(new CleanFailover("Riak-like store, one instance: clean failover, N = 2, the next leader knows",
                riak, 2, sizes.reps()));
        for (boolean hints : List.of(true, false)) {
            sizes.riakPolls().forEach(poll -> scenarios.add(new CrossInstanceFailover(poll, hints, sizes.riakReps(),
                    latency)));
        }
        return scenarios;
    }
}

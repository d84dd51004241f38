package io.leaderlatch.bench;

import java.time.Duration;
import java.util.List;

/**
 * The leader runs in a process of its own, which is killed with SIGKILL: until the other member is
 * told it leads. For this service the kernel closes the dead process's socket; for ZooKeeper the
 * session has to time out.
 */
final class CrashFailover implements Scenario {

    private static final Duration START_BOUND = Duration.ofSeconds(60);

    private final Metric metric;

    CrashFailover(String zookeeperNote) {
        this.metric = new Metric("crash failover, N = 2: SIGKILL of the leader's process, until the other"
                + " member knows it leads (ZooKeeper: " + zookeeperNote + ")", Unit.TIME);
    }

    @Override
    public String id() {
        return "crash";
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
        String group = Groups.next("crash");
        LeaderProcess leader = contender.startLeaderProcess(group, "doomed", START_BOUND);
        Participant survivor = Members.joinAndWait(contender, group, "survivor");
        try {
            long start = System.nanoTime();
            leader.killNow();
            long told = Bounded.get(survivor.leads(), Members.BOUND, "the survivor in " + group + " to lead");
            out.recordTime(metric, start, told);
        } finally {
            leader.reap();
            Members.leaveAll(contender, List.of(survivor));
        }
    }
}

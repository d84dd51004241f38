package io.leaderlatch.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sustained joins and leaves on one instance. Each of {@code workers} groups has two members; over
 * and over, the leader leaves (counted once the other member is told it leads) and a new member
 * joins (counted once it knows who leads). Every counted event is thus confirmed end to end, and
 * every leave is a failover. This service: a leave closes a connection, a join opens one. ZooKeeper:
 * a leave closes the latch and its Curator client, a join starts a new client and latch.
 */
final class Churn implements Scenario {

    private final int workers;
    private final Duration window;
    private final Metric metric;
    private final Metric serverCpu;

    Churn(int workers, Duration window) {
        this.workers = workers;
        this.window = window;
        this.metric = new Metric(String.format(Locale.ROOT,
                "churn: joins + leaves per second, %d groups × 2 each replacing its leader over and over", workers),
                Unit.RATE);
        this.serverCpu = new Metric("churn: server CPU time (user + system) per join or leave", Unit.TIME);
    }

    @Override
    public String id() {
        return "churn";
    }

    @Override
    public List<Metric> metrics() {
        return List.of(metric, serverCpu);
    }

    @Override
    public List<ContenderKind> contenders() {
        return List.of(ContenderKind.SERVICE, ContenderKind.ZOOKEEPER);
    }

    /**
     * Each step runs on the thread that learnt of the event before it (this service: the protocol
     * clients' selector thread; ZooKeeper: the client's event thread), as a client process would
     * act on what it reads; no hand-over to another thread.
     */
    @Override
    public void run(Contender contender, Recorder out) {
        List<Worker> all = new ArrayList<>(workers);
        try {
            for (int i = 0; i < workers; i++) {
                all.add(new Worker(contender, Groups.next("churn")));
            }
            AtomicLong events = new AtomicLong();
            long cpuBefore = cpuNanos(contender.serverPid());
            long start = System.nanoTime();
            long end = start + window.toNanos();
            all.forEach(worker -> worker.step(events, end));
            sleepUntil(end);
            long cpu = cpuNanos(contender.serverPid()) - cpuBefore;
            long counted = events.get();
            Bounded.get(CompletableFuture.allOf(all.stream().map(w -> w.done).toArray(CompletableFuture[]::new)),
                    window.plus(Members.BOUND), "churn workers to finish");
            out.record(metric, counted / (window.toNanos() / 1e9));
            out.record(serverCpu, (double) cpu / Math.max(1, counted));
        } finally {
            List<Participant> left = new ArrayList<>();
            all.forEach(worker -> left.addAll(worker.alive()));
            Members.leaveAll(contender, left);
        }
    }

    /** The CPU time the process has used so far, as the kernel counts it. */
    private static long cpuNanos(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration())
                .orElseThrow(() -> new BenchFailure("no CPU time for process " + pid)).toNanos();
    }

    private static void sleepUntil(long nanoTime) {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            try {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchFailure("interrupted during churn");
            }
        }
    }

    /** One group: its leader and the member next in line. */
    private static final class Worker {

        private final Contender contender;
        private final String group;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private volatile Participant leader;
        private volatile Participant next;
        private int joined;

        Worker(Contender contender, String group) {
            this.contender = contender;
            this.group = group;
            leader = contender.join(group, "w" + joined++);
            Bounded.get(leader.leads(), Members.BOUND, "the first member of " + group + " to lead");
            next = Members.joinAndWait(contender, group, "w" + joined++);
        }

        List<Participant> alive() {
            List<Participant> alive = new ArrayList<>(2);
            if (leader != null) {
                alive.add(leader);
            }
            if (next != null) {
                alive.add(next);
            }
            return alive;
        }

        /** The leader leaves; once the next member leads, a new one joins; then again, until {@code end}. */
        // Each callback handles its own outcome; the stages whenComplete returns carry nothing more.
        @SuppressWarnings("FutureReturnValueIgnored")
        void step(AtomicLong events, long end) {
            Participant leaving = leader;
            leader = null;
            leaving.leave();
            next.leads().whenComplete((told, error) -> {
                if (error != null) {
                    done.completeExceptionally(error);
                    return;
                }
                leader = next;
                next = null;
                if (told > end) {
                    done.complete(null);
                    return;
                }
                events.incrementAndGet();
                Participant joining = contender.join(group, "w" + joined++);
                next = joining;
                joining.knowsLeader().whenComplete((known, failure) -> {
                    if (failure != null) {
                        done.completeExceptionally(failure);
                    } else if (known > end) {
                        done.complete(null);
                    } else {
                        events.incrementAndGet();
                        step(events, end);
                    }
                });
            });
        }
    }
}

package io.leaderlatch.load;

import io.leaderlatch.bench.ProtocolClients;
import io.leaderlatch.bench.ProtocolParticipant;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Joins and leaves at a steady rate, spread round-robin over groups; each group alternates a join
 * and the leave of a random member (its leader as likely as any other, so some leaves are
 * failovers). A group has at most one join under way, so the service sees its joins in the order
 * they were answered here, and the member that joined first of those still connected must lead.
 * A join answered with anything but {@code LEADER <a member of the group>} is an error.
 */
final class SteadyChurn {

    private final ProtocolClients clients;
    private final InetSocketAddress server;
    private final List<InetAddress> from;
    private final List<Group> groups = new ArrayList<>();
    private final AtomicLong joins = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong leaves = new AtomicLong();
    private final AtomicLong failovers = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();

    /**
     * Counts of one run. {@code skipped}: steps that sent nothing because their group's last join
     * was still unanswered.
     */
    record Counts(long joins, long leaves, long failovers, long skipped, double seconds) {

        double rate() {
            return (joins + leaves) / seconds;
        }
    }

    SteadyChurn(ProtocolClients clients, InetSocketAddress server, List<InetAddress> from, String prefix, int groups) {
        this.clients = clients;
        this.server = server;
        this.from = from;
        for (int i = 0; i < groups; i++) {
            this.groups.add(new Group(prefix + i));
        }
    }

    /** Joins {@code size} members to every group, one round at a time, each round answered before the next. */
    void fill(int size, Duration bound) {
        for (int round = 0; round < size; round++) {
            groups.forEach(Group::join);
            awaitAnswers(bound);
        }
    }

    /** Runs joins and leaves at {@code rate} per second for {@code time}. */
    Counts run(int rate, Duration time) {
        Counts before = counts(0);
        long start = System.nanoTime();
        long end = start + time.toNanos();
        double period = 1e9 / rate;
        for (long op = 0; ; op++) {
            long due = start + (long) (op * period);
            if (due >= end) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            groups.get((int) (op % groups.size())).step();
        }
        Counts after = counts((System.nanoTime() - start) / 1e9);
        return new Counts(after.joins - before.joins, after.leaves - before.leaves, after.failovers - before.failovers,
                after.skipped - before.skipped, after.seconds);
    }

    private Counts counts(double seconds) {
        return new Counts(joins.get(), leaves.get(), failovers.get(), skipped.get(), seconds);
    }

    /** Waits until every join sent has its answer, or {@code bound} has passed. */
    void awaitAnswers(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (groups.stream().anyMatch(Group::joining) && System.nanoTime() < deadline) {
            AttackPhase.pause(Duration.ofMillis(20));
        }
        groups.stream().filter(Group::joining)
                .forEach(group -> errors.add(group.name + ": a join had no answer within " + bound.toSeconds() + " s"));
    }

    Map<String, List<GroupCheck.Seen>> seen() {
        Map<String, List<GroupCheck.Seen>> seen = new LinkedHashMap<>();
        groups.forEach(group -> seen.put(group.name, group.seen()));
        return seen;
    }

    /** Every member leaves. */
    void leaveAll() {
        groups.forEach(Group::leaveAll);
    }

    long answered() {
        return answered.get();
    }

    long connections() {
        return connections.get();
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    /** One group's members as this side knows them; its methods run on the driver and the clients' thread. */
    private final class Group {

        private final String name;
        private final List<ProtocolParticipant> members = new ArrayList<>();
        private final Set<String> joined = new HashSet<>();
        private ProtocolParticipant pending;
        private boolean joinNext = true;
        private int sequence;

        Group(String name) {
            this.name = name;
        }

        synchronized boolean joining() {
            return pending != null;
        }

        synchronized void step() {
            if (joinNext) {
                if (pending != null) {
                    skipped.incrementAndGet();
                    return;
                }
                join();
            } else if (!members.isEmpty()) {
                int index = ThreadLocalRandom.current().nextInt(members.size());
                ProtocolParticipant leaving = members.remove(index);
                if (index == 0) {
                    failovers.incrementAndGet();
                }
                leaving.leave();
                leaves.incrementAndGet();
            }
            joinNext = !joinNext;
        }

        synchronized void join() {
            String member = "n" + sequence++;
            joined.add(member);
            long n = connections.getAndIncrement();
            ProtocolParticipant participant = clients.join(server, from.get((int) (n % from.size())), name, member);
            pending = participant;
            joins.incrementAndGet();
            var unused = participant.knowsLeader().whenComplete((t, e) -> answered(participant, e));
        }

        private synchronized void answered(ProtocolParticipant participant, Throwable error) {
            pending = null;
            if (error != null) {
                errors.add(name + ": " + error.getMessage());
                return;
            }
            String leader = participant.leader().orElse("(none)");
            if (!joined.contains(leader)) {
                errors.add(name + "/" + participant.name() + " was told LEADER " + leader + ", never a member");
            }
            answered.incrementAndGet();
            members.add(participant);
        }

        synchronized List<GroupCheck.Seen> seen() {
            return members.stream().map(m -> new GroupCheck.Seen(m.name(), m.leader(), m.failure())).toList();
        }

        synchronized void leaveAll() {
            members.forEach(ProtocolParticipant::leave);
            members.clear();
        }
    }
}

package io.leaderlatch.load;

import io.leaderlatch.bench.BenchFailure;
import io.leaderlatch.bench.ChildJvms;
import io.leaderlatch.bench.HeapProbe;
import io.leaderlatch.bench.ProtocolClients;
import io.leaderlatch.bench.ProtocolParticipant;

import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Many members on one instance at once: they join in groups, every one must be told its group's
 * leader, and the service's live heap is measured twice with all of them connected, a while apart,
 * to show it stands still. The clients are spread over several loopback addresses, as if on several
 * hosts, each below the per-address connection limit.
 */
final class MembersPhase {

    /** Joins under way at once: the listen backlog is finite. */
    private static final int WINDOW = 500;
    /** Members per client address, well below the default per-address limit of 4096. */
    private static final int PER_ADDRESS = 2000;
    /** Classes named in the note on where the heap goes. */
    private static final int LISTED = 10;
    private static final Duration BOUND = Duration.ofSeconds(120);

    private final LoadOptions options;
    private final LoadSummary summary;
    private final PrintStream progress;

    MembersPhase(LoadOptions options, LoadSummary summary, PrintStream progress) {
        this.options = options;
        this.summary = summary;
        this.progress = progress;
    }

    void run(ChildJvms jvms) {
        int count = options.members();
        int groupSize = options.groupSize();
        try (LoadService service = LoadService.start(jvms, "members");
             ProtocolClients clients = new ProtocolClients()) {
            HeapProbe.Histogram before = service.heap();
            int filesBefore = service.openFiles();
            progress.printf("members: joining %,d%n", count);
            long dropsBefore = KernelDrops.count();
            long start = System.nanoTime();
            Map<String, List<ProtocolParticipant>> groups = join(service, clients, count, groupSize);
            double joinSeconds = (System.nanoTime() - start) / 1e9;
            List<String> errors = Convergence.await(() -> seen(groups), false);
            summary.errors(errors);
            HeapProbe.Histogram first = service.heap();
            int filesWith = service.openFiles();
            progress.printf("members: waiting %d s for the second heap measurement%n", options.heapInterval().toSeconds());
            AttackPhase.pause(options.heapInterval());
            HeapProbe.Histogram second = service.heap();
            int filesLater = service.openFiles();
            long drops = KernelDrops.count() - dropsBefore;
            List<String> later = GroupCheck.errors(seen(groups), false);
            summary.errors(later);

            summary.section("Members");
            summary.line(String.format(Locale.ROOT, "%,d members in %,d groups of %d, from %d client addresses, "
                    + "joined in %.1f s (at most %,d joins per second, %d under way): %s", count, groups.size(), groupSize,
                    addresses(count), joinSeconds, options.joinRate(), WINDOW, errors.isEmpty() && later.isEmpty()
                            ? "every member was told its group's leader, and still knew it " + options.heapInterval().toSeconds()
                            + " s later" : (errors.size() + later.size()) + " errors"));
            long grown = first.total() - before.total();
            long drift = second.total() - first.total();
            summary.line(String.format(Locale.ROOT, "Service live heap after a full GC: %s before the members; %s with "
                    + "them = %,.0f B per member; %d s later %s = %,.0f B per member (%+,.1f KiB)",
                    mib(before.total()), mib(first.total()), (double) grown / count, options.heapInterval().toSeconds(),
                    mib(second.total()), (double) (second.total() - before.total()) / count, drift / 1024.0));
            summary.line("Largest growth per member: " + first.largestGrowth(before, LISTED).stream()
                    .map(e -> String.format(Locale.ROOT, "%s %.0f B", e.getKey(), (double) e.getValue() / count))
                    .collect(Collectors.joining(", ")));
            summary.line(String.format(Locale.ROOT, "Packets the kernel dropped from a full input backlog meanwhile "
                    + "(/proc/net/softnet_stat, the whole machine): %,d", drops));
            if (drift > LoadRun.HEAP_SLACK) {
                summary.error(String.format(Locale.ROOT, "members: the live heap grew by %,d B in %d s with no "
                        + "change in membership (allowed: %,d B)", drift, options.heapInterval().toSeconds(), LoadRun.HEAP_SLACK));
            }
            groups.values().forEach(members -> members.forEach(ProtocolParticipant::leave));
            int filesAfter = service.awaitOpenFilesAtMost(filesBefore, BOUND);
            summary.line(String.format(Locale.ROOT, "Service open files: %,d before, %,d with the members, %,d "
                    + "%d s later, %,d once they had left", filesBefore, filesWith, filesLater,
                    options.heapInterval().toSeconds(), filesAfter));
            // A connection the service dropped is not always seen by its client: the reset may be lost too.
            if (Math.min(filesWith, filesLater) < filesBefore + count) {
                summary.error(String.format(Locale.ROOT, "members: the service held %,d and then %,d open files "
                        + "with %,d members connected, %,d before they joined: it dropped connections",
                        filesWith, filesLater, count, filesBefore));
            }
            if (filesAfter > filesBefore) {
                summary.error("members: the service holds " + filesAfter + " open files after every member left, "
                        + filesBefore + " before they joined");
            }
        }
    }

    private Map<String, List<ProtocolParticipant>> join(LoadService service, ProtocolClients clients, int count,
                                                        int groupSize) {
        List<InetAddress> from = new ArrayList<>();
        for (int i = 0; i < addresses(count); i++) {
            from.add(LoadService.loopback(0, 1, 1 + i));
        }
        Map<String, List<ProtocolParticipant>> groups = new LinkedHashMap<>();
        Semaphore window = new Semaphore(WINDOW);
        List<CompletableFuture<Long>> answers = new ArrayList<>(count);
        long start = System.nanoTime();
        double period = 1e9 / options.joinRate();
        for (int i = 0; i < count; i++) {
            long wait = start + (long) (i * period) - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            acquire(window);
            String group = "m" + i / groupSize;
            ProtocolParticipant member = clients.join(service.address(), from.get(i % from.size()), group, "c" + i);
            var unused = member.knowsLeader().whenComplete((t, e) -> window.release());
            answers.add(member.knowsLeader());
            groups.computeIfAbsent(group, g -> new ArrayList<>(groupSize)).add(member);
        }
        try {
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // Each member that was not answered is reported by the group check.
        }
        return groups;
    }

    static Map<String, List<GroupCheck.Seen>> seen(Map<String, List<ProtocolParticipant>> groups) {
        Map<String, List<GroupCheck.Seen>> seen = new LinkedHashMap<>();
        groups.forEach((group, members) -> seen.put(group, members.stream()
                .map(m -> new GroupCheck.Seen(m.name(), m.leader(), m.failure().or(() -> m.knowsLeader().isDone()
                        ? Optional.empty() : Optional.of("no answer to its JOIN"))))
                .toList()));
        return seen;
    }

    private static int addresses(int count) {
        return (count + PER_ADDRESS - 1) / PER_ADDRESS;
    }

    private static void acquire(Semaphore window) {
        try {
            if (!window.tryAcquire(BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new BenchFailure("members: joins not answered within " + BOUND.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted while joining");
        }
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}

package io.leaderlatch.load;

import io.leaderlatch.bench.ChildJvms;
import io.leaderlatch.bench.HeapProbe;
import io.leaderlatch.bench.ProtocolClients;

import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A steady churn of joins and leaves for a fixed time, checked for errors and leaks: every join
 * answered {@code LEADER}, every group's members agreeing on the right leader afterwards, and the
 * service's live heap and open files the same once everyone has left as before the churn began.
 * A short churn first warms the service up, so that what it allocates once is in both measurements.
 */
final class ChurnPhase {

    /** Client addresses the churn's connections come from: each closed connection holds its port a while. */
    private static final int ADDRESSES = 64;
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Duration WARM_UP = Duration.ofSeconds(5);

    private final LoadOptions options;
    private final LoadSummary summary;
    private final PrintStream progress;

    ChurnPhase(LoadOptions options, LoadSummary summary, PrintStream progress) {
        this.options = options;
        this.summary = summary;
        this.progress = progress;
    }

    void run(ChildJvms jvms) {
        List<InetAddress> from = new ArrayList<>();
        for (int i = 0; i < ADDRESSES; i++) {
            from.add(LoadService.loopback(0, 2, 1 + i));
        }
        try (LoadService service = LoadService.start(jvms, "churn");
             ProtocolClients clients = new ProtocolClients()) {
            Duration warmUp = options.churnTime().compareTo(WARM_UP) < 0 ? options.churnTime() : WARM_UP;
            progress.printf("churn: warming up for %d ms%n", warmUp.toMillis());
            SteadyChurn warm = new SteadyChurn(clients, service.address(), from, "warm-", options.churnGroups());
            warm.fill(options.groupSize(), BOUND);
            warm.run(options.churnRate(), warmUp);
            warm.awaitAnswers(BOUND);
            warm.leaveAll();
            summary.errors(warm.errors().stream().map(error -> "churn warm-up: " + error).toList());
            HeapProbe.Histogram heapBefore = service.heap();
            int filesBefore = openFilesAtRest(service);

            progress.printf("churn: %d joins + leaves per second for %d s%n", options.churnRate(),
                    options.churnTime().toSeconds());
            SteadyChurn churn = new SteadyChurn(clients, service.address(), from, "churn-", options.churnGroups());
            churn.fill(options.groupSize(), BOUND);
            long filled = churn.answered();
            SteadyChurn.Counts counts = churn.run(options.churnRate(), options.churnTime());
            churn.awaitAnswers(BOUND);
            List<String> wrong = Convergence.await(churn::seen, true);
            summary.errors(churn.errors().stream().map(error -> "churn: " + error).toList());
            summary.errors(wrong.stream().map(error -> "churn: " + error).toList());
            churn.leaveAll();
            int filesAfter = service.awaitOpenFilesAtMost(filesBefore, BOUND);
            HeapProbe.Histogram heapAfter = service.heap();

            summary.section("Churn");
            summary.line(String.format(Locale.ROOT, "%d groups of %d (%,d joins to fill them), then %,d joins + leaves "
                    + "per second asked for %.1f s: %,d joins, %,d leaves (%,d of them the leader's), %.0f/s done, "
                    + "%,d steps skipped while their group's join was unanswered", options.churnGroups(),
                    options.groupSize(), filled, options.churnRate(), counts.seconds(), counts.joins(), counts.leaves(),
                    counts.failovers(), counts.rate(), counts.skipped()));
            long answeredInChurn = churn.answered() - filled;
            summary.line(String.format(Locale.ROOT, "Joins answered LEADER <a member>: %,d of %,d; errors: %d; "
                    + "afterwards every group agreed on its longest-standing member as leader: %s",
                    answeredInChurn, counts.joins(), churn.errors().size(), wrong.isEmpty() ? "yes" : "no, " + wrong.size()
                            + " groups"));
            if (answeredInChurn != counts.joins()) {
                summary.error("churn: " + (counts.joins() - answeredInChurn) + " joins were not answered LEADER");
            }
            long grown = heapAfter.total() - heapBefore.total();
            summary.line(String.format(Locale.ROOT, "Service, before the churn and once every member had left: live heap "
                    + "after a full GC %,d B and %,d B (%+,d B); open files %d and %d", heapBefore.total(),
                    heapAfter.total(), grown, filesBefore, filesAfter));
            if (grown > LoadRun.HEAP_SLACK) {
                summary.error(String.format(Locale.ROOT, "churn: the live heap grew by %,d B over %,d joins and leaves "
                        + "(allowed: %,d B)", grown, counts.joins() + counts.leaves(), LoadRun.HEAP_SLACK));
            }
            if (filesAfter > filesBefore) {
                summary.error("churn: the service holds " + filesAfter + " open files after the churn, "
                        + filesBefore + " before it");
            }
        }
    }

    /**
     * The service's open files with no client connected: the count once it has not changed for a
     * second (closed connections may still be on their way out).
     */
    private static int openFilesAtRest(LoadService service) {
        int last = service.openFiles();
        long stableSince = System.nanoTime();
        long deadline = stableSince + BOUND.toNanos();
        while (System.nanoTime() - stableSince < 1_000_000_000L && System.nanoTime() < deadline) {
            AttackPhase.pause(Duration.ofMillis(100));
            int now = service.openFiles();
            if (now != last) {
                last = now;
                stableSince = System.nanoTime();
            }
        }
        return last;
    }
}

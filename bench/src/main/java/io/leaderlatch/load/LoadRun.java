package io.leaderlatch.load;

import io.leaderlatch.bench.ChildJvms;
import io.leaderlatch.bench.MachineInfo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Runs the chosen phases, each on a service of its own, and collects their summary. A phase that
 * fails outright is an error of the run, and the next phase still runs; every process started is
 * gone when this returns.
 */
final class LoadRun {

    /** How far the service's live heap may grow where nothing should grow: GC and JIT noise, not a leak. */
    static final long HEAP_SLACK = 2L * 1024 * 1024;

    private LoadRun() {
    }

    static LoadSummary run(LoadOptions options, PrintStream progress) {
        Path logDir = ChildJvms.logDir(options.logDir(), "leader-latch-load");
        progress.println("load: service logs in " + logDir);
        LoadSummary summary = new LoadSummary();
        summary.line("riak-leader-latch load run, embedded store, " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        summary.line(MachineInfo.describe() + "; " + MachineInfo.jvm() + "; service JVM " + String.join(" ",
                LoadService.JVM_OPTIONS) + "; load average before " + MachineInfo.loadAverage());
        try (ChildJvms jvms = new ChildJvms(logDir)) {
            Thread cleanup = new Thread(jvms::close, "load-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
            try {
                phase("attacks", options, summary, progress, () -> new AttackPhase(options, summary, progress).run(jvms));
                phase("members", options, summary, progress, () -> new MembersPhase(options, summary, progress).run(jvms));
                phase("churn", options, summary, progress, () -> new ChurnPhase(options, summary, progress).run(jvms));
            } finally {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            }
        }
        return summary;
    }

    private static void phase(String name, LoadOptions options, LoadSummary summary, PrintStream progress, Runnable phase) {
        if (!options.runs(name)) {
            return;
        }
        try {
            phase.run();
        } catch (RuntimeException e) {
            progress.println("load: " + name + " failed: " + e);
            summary.error(name + ": the phase failed: " + e.getMessage());
        }
    }
}

package io.leaderlatch.bench;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The benchmark's entry point (scripts/bench runs it): starts both servers, runs the scenarios,
 * prints the table and, with {@code --doc}, writes it into that file. Exit status 1 when any
 * scenario failed, 2 on a bad command line.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.list()) {
            BenchRun.chosen(options).forEach(scenario -> System.out.println(scenario.id()));
            return;
        }
        BenchReport report = run(options, System.err);
        String results = ReportText.markdown(report);
        System.out.println(results);
        options.doc().ifPresent(doc -> BenchDoc.write(doc, results));
        System.exit(report.failed() ? 1 : 0);
    }

    /** Runs the benchmark; every process it started is gone when this returns. */
    static BenchReport run(BenchOptions options, PrintStream progress) {
        Path logDir = ChildJvms.logDir(options.logDir(), "leader-latch-bench");
        progress.println("logs in " + logDir);
        ChildJvms jvms = new ChildJvms(logDir);
        Thread cleanup = new Thread(jvms::close, "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            return new BenchRun(options, jvms, progress).run();
        } finally {
            jvms.close();
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }
}

package io.leaderlatch.bench;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

/** The results of a run as markdown: when, where, how, and the table. */
final class ReportText {

    private ReportText() {
    }

    static String markdown(BenchReport report) {
        BenchOptions options = report.options();
        String date = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC)
                .format(report.started());
        return "Run of `" + options.command() + "` on " + date + ".\n\n"
                + "- Machine: " + MachineInfo.describe() + "; 1-minute load average " + report.loadBefore()
                + " before the run, " + report.loadAfter() + " after it.\n"
                + "- JVM: " + MachineInfo.jvm() + "; both servers with `" + String.join(" ", options.serverJvmOptions())
                + "`.\n"
                + "- Trials: " + options.trials() + " measured trials after " + options.warmup()
                + " warm-up round(s) per scenario and system, the systems alternating.\n"
                + "- " + report.zookeeperLabel() + ": standalone, tickTime 1000, forceSync yes, loopback, "
                + "maxClientCnxns 0, listen backlog " + ZooKeeperProcess.LISTEN_BACKLOG
                + "; one Curator client (session) per participant.\n\n"
                + ResultTable.markdown(report.rows(), report.serviceLabel(), "ZooKeeper")
                + report.notes().stream().map(note -> "\n- " + note).collect(Collectors.joining())
                + (report.notes().isEmpty() ? "" : "\n");
    }
}

package io.leaderlatch.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The result rows as a markdown table. */
final class ResultTable {

    private ResultTable() {
    }

    static String markdown(List<Row> rows, String serviceLabel, String zookeeperLabel) {
        StringBuilder out = new StringBuilder();
        out.append("| Scenario | ").append(serviceLabel).append(": median | p99 or max | ")
                .append(zookeeperLabel).append(": median | p99 or max | This service ahead by (medians) | Samples |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            Unit unit = row.metric().unit();
            out.append("| ").append(row.metric().label()).append(" | ");
            if (row.failure().isPresent()) {
                out.append("failed: ").append(row.failure().get().replace('|', '/')).append(" | | | | | |\n");
                continue;
            }
            out.append(median(row.service(), unit)).append(" | ").append(tail(row.service(), unit)).append(" | ")
                    .append(median(row.zookeeper(), unit)).append(" | ").append(tail(row.zookeeper(), unit)).append(" | ")
                    .append(row.advantage().map(ResultTable::ratio).orElse("")).append(" | ")
                    .append(count(row.service())).append(row.zookeeper().isPresent() ? " / " + count(row.zookeeper()) : "")
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String median(Optional<Summary> summary, Unit unit) {
        return summary.map(s -> unit.format(s.median())).orElse("n/a");
    }

    private static String tail(Optional<Summary> summary, Unit unit) {
        return summary.map(s -> s.tailName() + " " + unit.format(s.tail())).orElse("");
    }

    private static String count(Optional<Summary> summary) {
        return summary.map(s -> String.valueOf(s.count())).orElse("");
    }

    private static String ratio(double advantage) {
        return advantage >= 10 ? String.format(Locale.ROOT, "%,.0f×", advantage)
                : String.format(Locale.ROOT, "%.1f×", advantage);
    }
}

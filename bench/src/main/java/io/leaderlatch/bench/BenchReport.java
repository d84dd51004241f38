package io.leaderlatch.bench;

import java.time.Instant;
import java.util.List;

/** What one run found, and under which conditions. */
record BenchReport(BenchOptions options, List<Row> rows, List<String> notes, String serviceLabel, String zookeeperLabel,
                   Instant started, String loadBefore, String loadAfter) {

    boolean failed() {
        return rows.stream().anyMatch(row -> row.failure().isPresent());
    }
}

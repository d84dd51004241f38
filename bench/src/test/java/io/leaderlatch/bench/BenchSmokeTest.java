package io.leaderlatch.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark is not a test, but its code is: every scenario runs once, on both systems, with
 * tiny sizes. Asserts only that the run completes and produces a table, not what the figures are.
 */
class BenchSmokeTest {

    @TempDir
    Path dir;

    @Test
    void everyScenarioRunsOnceAndTheResultsFillTheTable() throws Exception {
        BenchOptions options = BenchOptions.parse("--sizes", "tiny", "--trials", "1", "--warmup", "0",
                "--log-dir", dir.resolve("logs").toString());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        BenchReport report = Bench.run(options, new PrintStream(progress, true, StandardCharsets.UTF_8));

        String log = progress.toString(StandardCharsets.UTF_8);
        List<Metric> expected = BenchRun.chosen(options).stream().flatMap(s -> s.metrics().stream()).toList();
        assertThat(report.rows()).extracting(Row::metric).as(log).containsExactlyElementsOf(expected);
        assertThat(report.rows()).as(log).allSatisfy(row -> {
            assertThat(row.failure()).isEmpty();
            assertThat(row.service()).isPresent();
        });
        assertThat(report.rows()).filteredOn(row -> row.zookeeper().isPresent()).isNotEmpty();

        Path doc = Files.writeString(dir.resolve("benchmarks.md"), "# Benchmarks\n\nHow to run it.\n");
        String results = ReportText.markdown(report);
        BenchDoc.write(doc, results);
        BenchDoc.write(doc, results);
        String written = Files.readString(doc);
        assertThat(written).startsWith("# Benchmarks\n\nHow to run it.\n").containsOnlyOnce(BenchDoc.BEGIN);
        for (Metric metric : expected) {
            assertThat(written).containsOnlyOnce("| " + metric.label() + " |");
        }
    }
}

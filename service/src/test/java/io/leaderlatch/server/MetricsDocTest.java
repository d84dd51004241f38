package io.leaderlatch.server;

import io.leaderlatch.metrics.MeterNames;
import io.leaderlatch.store.ReadOutcome;
import io.leaderlatch.store.embedded.EmbeddedStore;
import io.leaderlatch.store.riak.RequestQueueStats;
import io.leaderlatch.testing.service.ForwardingStore;
import io.leaderlatch.testing.LineClient;
import io.leaderlatch.testing.service.TestService;
import io.leaderlatch.testing.Timing;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docs/metrics.md against the meters themselves: after traffic that makes every meter and tag
 * value the service has, each meter has a row in the table of meters and in the table of JMX
 * names, each tag key and value (but a listener's name) is in its row, and the table lists no
 * meter the service does not have.
 */
class MetricsDocTest {

    private static final Path DOC = Path.of("docs", "metrics.md");

    @Test
    void everyMeterAndTagValueIsDocumentedAndNothingElseIs() throws Exception {
        List<Meter> meters = new ArrayList<>();
        meters.addAll(aServiceAfterTraffic());
        meters.addAll(storeRequestsOfEveryOutcome());
        meters.addAll(riakQueueMeters());

        Map<String, String> tagsByMeter = tableRows("## The meters", 2);
        Map<String, String> jmxNames = tableRows("## JMX names", 1);
        for (Meter meter : meters) {
            String name = meter.getId().getName();
            assertThat(tagsByMeter).as("a row for %s in the table of meters", name).containsKey(name);
            assertThat(jmxNames).as("a row for %s in the table of JMX names", name).containsKey(name);
            for (Tag tag : meter.getId().getTags()) {
                assertThat(tagsByMeter.get(name)).as("tag key of %s", meter.getId())
                        .contains("`" + tag.getKey() + "`");
                if (!tag.getKey().equals(MeterNames.TAG_LISTENER)) {
                    assertThat(tagsByMeter.get(name)).as("tag value of %s", meter.getId())
                            .contains("`" + tag.getValue() + "`");
                }
            }
        }
        assertThat(tagsByMeter.keySet()).as("meters documented that the service does not have")
                .containsExactlyInAnyOrderElementsOf(meters.stream().map(meter -> meter.getId().getName())
                        .collect(Collectors.toSet()));
    }

    /** A service's meters after joins, confirmations, bad lines and a failover. */
    private static List<Meter> aServiceAfterTraffic() {
        MeterRegistry registry = new SimpleMeterRegistry();
        EmbeddedStore store = new EmbeddedStore(true);
        try (TestService service = TestService.start(store, store, registry, "internal");
             LineClient a = service.connect();
             LineClient b = service.connect()) {
            assertThat(a.send("TERMS").readLine()).startsWith("TERMS ");
            assertThat(a.join("g", "a")).isEqualTo("LEADER a 1");
            assertThat(a.join("g", "a")).isEqualTo("ALREADY_JOINED g a");
            assertThat(a.join("h", "a")).isEqualTo("ALREADY_JOINED g a");
            assertThat(a.send("TERMS").readLine()).isEqualTo("ERROR");
            assertThat(b.send("hello").readLine()).isEqualTo("ERROR");
            assertThat(b.join("g", "b")).isEqualTo("LEADER a");
            a.close();
            assertThat(b.readLine()).isEqualTo("LEADER b");
            await().atMost(Timing.patience())
                    .until(() -> registry.get(MeterNames.FAILOVER).timer().count() == 1);
        }
        return registry.getMeters();
    }

    /** The store request timer of every outcome, a request that failed with an exception included. */
    private static List<Meter> storeRequestsOfEveryOutcome() {
        MeterRegistry registry = new SimpleMeterRegistry();
        EmbeddedStore embedded = new EmbeddedStore(true);
        ForwardingStore failing = new ForwardingStore(embedded) {
            @Override
            public CompletableFuture<ReadOutcome> get(String key) {
                return key.equals("broken") ? CompletableFuture.failedFuture(new IllegalStateException("a bug"))
                        : super.get(key);
            }
        };
        try (MeteredStore store = new MeteredStore(failing, registry)) {
            byte[] value = "v".getBytes(StandardCharsets.UTF_8);
            store.get("k").join();
            store.create("k", value).join();
            store.create("k", value).join();
            store.get("k").join();
            store.get("broken").exceptionally(error -> null).join();
            embedded.setAvailable(false);
            store.get("k").join();
        }
        return registry.getMeters();
    }

    private static List<Meter> riakQueueMeters() {
        MeterRegistry registry = new SimpleMeterRegistry();
        new ServiceMetrics(registry).bindRiakQueue(new RequestQueueStats() {
            @Override
            public int waiting() {
                return 0;
            }

            @Override
            public int inFlight() {
                return 0;
            }

            @Override
            public long refusedFull() {
                return 0;
            }

            @Override
            public long refusedExpired() {
                return 0;
            }
        });
        return registry.getMeters().stream()
                .filter(meter -> meter.getId().getName().startsWith("leaderlatch.riak.")).toList();
    }

    /**
     * The rows of the first table after {@code heading} whose first cell is a meter name in
     * backquotes: that name, and the text of cell {@code cell}.
     */
    private static Map<String, String> tableRows(String heading, int cell) throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        int i = lines.indexOf(heading);
        assertThat(i).as("%s in %s", heading, DOC).isNotNegative();
        while (!lines.get(i).startsWith("|")) {
            i++;
        }
        Map<String, String> rows = new HashMap<>();
        for (; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] cells = lines.get(i).split("\\|");
            String first = cells[1].strip();
            if (first.matches("`leaderlatch\\.[a-z.]+`")) {
                rows.put(first.substring(1, first.length() - 1), cells[cell + 1]);
            }
        }
        return rows;
    }
}

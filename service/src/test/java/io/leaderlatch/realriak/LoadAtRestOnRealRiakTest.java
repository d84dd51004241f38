package io.leaderlatch.realriak;

import io.leaderlatch.config.Settings;
import io.leaderlatch.metrics.MeterNames;
import io.leaderlatch.store.riak.RiakStore;
import io.leaderlatch.testing.LineClient;
import io.leaderlatch.testing.service.TestService;
import io.leaderlatch.testing.Timing;
import io.leaderlatch.testing.riak.RealRiak;
import io.leaderlatch.testing.riak.RealRiakCluster;
import io.leaderlatch.testing.service.RealRiakStores;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Found on the real cluster: an instance with 300 idle groups asked Riak for 305 requests a
 * second, one consensus read per group per poll. At rest the requests must not grow with the
 * groups: heartbeats, the instance index, and a slow re-read of the shards shared with other
 * instances (docs/architecture.md, "Load on Riak").
 */
@RealRiak
class LoadAtRestOnRealRiakTest {

    private static final Duration WINDOW = Duration.ofSeconds(10);

    private final RealRiakCluster riak = RealRiakCluster.fromEnvironment().orElseThrow();
    private final String bucket = RealRiakCluster.freshBucket("rest");
    private final List<TestService> services = new ArrayList<>();
    private final List<RiakStore> stores = new ArrayList<>();
    private final List<LineClient> clients = new ArrayList<>();

    @AfterEach
    void stopAll() {
        clients.forEach(LineClient::close);
        services.forEach(TestService::close);
        stores.forEach(RiakStore::close);
    }

    @Test
    void oneInstancesRequestsAtRestDoNotGrowWithItsGroups() throws Exception {
        TestService one = start(1);
        joinGroups(one, "few", 10, "a");
        double few = requestsPerSecondAtRest(one);
        joinGroups(one, "many", 300, "a");
        double many = requestsPerSecondAtRest(one);
        System.out.printf("one instance at rest: %.2f requests/s with 10 groups, %.2f with 310%n", few, many);
        // Heartbeat 1/renew-interval (0.5/s) + index 1/poll-interval (1/s); nothing per group.
        assertThat(many).isLessThan(3.0);
        assertThat(many).isLessThan(few + 1.0);
    }

    @Test
    void withGroupsSharedByThreeInstancesTheSafetyPollIsBoundedByTheShards() throws Exception {
        List<TestService> three = List.of(start(1), start(2), start(3));
        for (TestService service : three) {
            joinGroups(service, "shared", 300, "m" + services.indexOf(service));
        }
        double rate = requestsPerSecondAtRest(three.get(0));
        System.out.printf("one of three instances sharing 300 groups, at rest: %.2f requests/s%n", rate);
        // 0.5 heartbeat + 1 index + 2 heartbeats of the others, and at most 64 shards per 10 s.
        assertThat(rate).isLessThan(0.5 + 1 + 2 + 6.4 + 1);
    }

    private TestService start(int node) {
        RiakStore store = RealRiakStores.open(riak, bucket, Duration.ofSeconds(2));
        stores.add(store);
        Settings d = TestService.defaultSettings();
        Settings settings = new Settings(d.store(), d.embedded(), d.riak(), d.server(), d.election(),
                new Settings.Limits(d.limits().joinTimeout(), 100_000, 100_000, List.of()), d.metrics());
        TestService service = TestService.start(store, settings);
        services.add(service);
        return service;
    }

    private void joinGroups(TestService service, String prefix, int groups, String member) {
        List<LineClient> joined = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            LineClient client = service.connect();
            clients.add(client);
            client.send("JOIN " + prefix + i + " " + member);
            joined.add(client);
        }
        joined.forEach(client -> assertThat(client.readLine()).startsWith("LEADER "));
    }

    /** Store requests per second over a window in which nothing changes, after the joins settled. */
    private double requestsPerSecondAtRest(TestService service) throws InterruptedException {
        Thread.sleep(Timing.seconds(2).toMillis()); // the joins' writes and hints are over
        long before = requests(service);
        Thread.sleep(WINDOW.toMillis());
        return (requests(service) - before) / (double) WINDOW.toSeconds();
    }

    private static long requests(TestService service) {
        return service.registry().find(MeterNames.STORE_REQUESTS).timers().stream().mapToLong(Timer::count).sum();
    }
}

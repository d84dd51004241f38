package io.leaderlatch.client;

import io.leaderlatch.metrics.MeterNames;
import io.leaderlatch.store.embedded.EmbeddedStore;
import io.leaderlatch.testing.LineClient;
import io.leaderlatch.testing.service.TestService;
import io.leaderlatch.testing.Timing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The client latch against a real service over TCP: who leads, hand-over, retries, threads. */
class LeaderLatchTest {

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    private LeaderLatch latch(TestService service, String client, RecordingListener listener) {
        LeaderLatch latch = keep(LeaderLatch.builder("g", client)
                .endpoints(List.of(service.address()))
                .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .listener(listener)
                .build());
        latch.start();
        return latch;
    }

    private static void eventually(Runnable assertion) {
        await().atMost(Timing.patience()).untilAsserted(assertion::run);
    }

    @Test
    void theFirstMemberLeadsAndTheNextTakesOverWhenTheLeaderCloses() throws Exception {
        TestService service = keep(TestService.start());
        RecordingListener aEvents = new RecordingListener();
        RecordingListener bEvents = new RecordingListener();
        LeaderLatch a = latch(service, "a", aEvents);
        assertThat(a.awaitLeadership(Timing.patience())).isTrue();
        LeaderLatch b = latch(service, "b", bEvents);
        eventually(() -> assertThat(b.currentLeader()).contains("a"));
        assertThat(b.isLeader()).isFalse();

        a.close();
        assertThat(a.isLeader()).isFalse();
        assertThat(b.awaitLeadership(Timing.patience())).isTrue();
        assertThat(b.currentLeader()).contains("b");
        eventually(() -> assertThat(aEvents.events()).containsExactly("leader a", "gained", "lost", "leader none"));
        eventually(() -> assertThat(bEvents.events()).containsExactly("leader a", "leader b", "gained"));
        assertThat(aEvents.overlaps() + bEvents.overlaps()).isZero();
    }

    @Test
    void aClosedLatchDoesNotStartAgainAndDoesNotWait() throws Exception {
        TestService service = keep(TestService.start());
        LeaderLatch latch = latch(service, "a", new RecordingListener());
        assertThatThrownBy(latch::start).isInstanceOf(IllegalStateException.class);
        latch.close();
        latch.close();
        assertThatThrownBy(latch::start).isInstanceOf(IllegalStateException.class);
        assertThat(latch.awaitLeadership(Timing.patience())).isFalse();
        assertThat(latch.isLeader()).isFalse();
        assertThat(latch.currentLeader()).isEmpty();
    }

    @Test
    void callbacksRunOnTheLatchsNamedEventThread() throws Exception {
        TestService service = keep(TestService.start());
        RecordingListener events = new RecordingListener();
        LeaderLatch latch = latch(service, "a", events);
        assertThat(latch.awaitLeadership(Timing.patience())).isTrue();
        latch.close();
        eventually(() -> assertThat(events.events()).hasSize(4));
        assertThat(events.threads()).containsOnly("leader-latch-events g/a");
    }

    @Test
    void callbacksRunOnTheGivenExecutorInOrder() throws Exception {
        TestService service = keep(TestService.start());
        ExecutorService pool = Executors.newFixedThreadPool(4, task -> new Thread(task, "app-callbacks"));
        keep(pool::shutdownNow);
        RecordingListener events = new RecordingListener();
        LeaderLatch latch = keep(LeaderLatch.builder("g", "a").endpoints(service.address().getHostString() + ":"
                + service.address().getPort()).listener(events).callbackExecutor(pool).build());
        latch.start();
        assertThat(latch.awaitLeadership(Timing.patience())).isTrue();
        latch.close();
        eventually(() -> assertThat(events.events()).containsExactly("leader a", "gained", "lost", "leader none"));
        assertThat(events.threads()).containsOnly("app-callbacks");
        assertThat(events.overlaps()).isZero();
    }

    @Test
    void aNameStillInUseIsRetriedUntilTheOtherConnectionCloses() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EmbeddedStore store = new EmbeddedStore(true);
        TestService service = keep(TestService.start(store, store, registry, "internal"));
        LineClient holder = keep(service.connect());
        assertThat(holder.join("g", "a")).isEqualTo("LEADER a");

        RecordingListener events = new RecordingListener();
        LeaderLatch latch = latch(service, "a", events);
        eventually(() -> assertThat(failedJoins(registry)).isGreaterThanOrEqualTo(2));
        assertThat(latch.isLeader()).isFalse();
        assertThat(events.events()).isEmpty();

        holder.close();
        assertThat(latch.awaitLeadership(Timing.patience())).isTrue();
        eventually(() -> assertThat(events.events()).containsExactly("leader a", "gained"));
    }

    @Test
    void aServiceWithoutItsStoreIsRetriedAndNeverReportsLeadership() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EmbeddedStore store = new EmbeddedStore(false);
        TestService service = keep(TestService.start(store, store, registry, "internal"));
        RecordingListener events = new RecordingListener();
        LeaderLatch latch = latch(service, "a", events);
        eventually(() -> assertThat(failedJoins(registry)).isGreaterThanOrEqualTo(3));
        assertThat(latch.isLeader()).isFalse();
        assertThat(events.events()).isEmpty();

        store.setAvailable(true);
        assertThat(latch.awaitLeadership(Timing.patience())).isTrue();
        eventually(() -> assertThat(events.events()).containsExactly("leader a", "gained"));
    }

    @Test
    void isLeaderAndCloseMayBeCalledFromManyThreadsAtOnce() throws Exception {
        TestService service = keep(TestService.start());
        RecordingListener events = new RecordingListener();
        LeaderLatch latch = latch(service, "a", events);
        assertThat(latch.awaitLeadership(Timing.patience())).isTrue();
        LeaderLatch follower = latch(service, "b", new RecordingListener());

        ExecutorService pool = Executors.newFixedThreadPool(8);
        keep(pool::shutdownNow);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            boolean closer = i % 2 == 0;
            calls.add(pool.submit(() -> {
                go.await();
                for (int n = 0; n < 2000; n++) {
                    latch.isLeader();
                    latch.currentLeader();
                    if (closer && n == 1000) {
                        latch.close();
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> call : calls) {
            call.get();
        }
        assertThat(latch.isLeader()).isFalse();
        eventually(() -> assertThat(events.events()).containsExactly("leader a", "gained", "lost", "leader none"));
        assertThat(follower.awaitLeadership(Timing.patience())).isTrue();
    }

    @Test
    void theBuilderRefusesWhatCannotWork() {
        assertThatThrownBy(() -> LeaderLatch.builder("g", "has space")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LeaderLatch.builder("", "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LeaderLatch.builder("g", "a").build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no endpoints");
        LeaderLatch.Builder builder = LeaderLatch.builder("g", "a").endpoints("127.0.0.1:5323");
        assertThatThrownBy(() -> builder.reconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("below its minimum");
        assertThatThrownBy(() -> LeaderLatch.builder("g", "a").endpoints("127.0.0.1:5323")
                .confirmationWindow(Duration.ZERO).build()).isInstanceOf(IllegalArgumentException.class);
        assertThat(LeaderLatch.builder("g", "a").endpoints("127.0.0.1:5323").build().currentLeader()).isEqualTo(Optional.empty());
    }

    private static double failedJoins(SimpleMeterRegistry registry) {
        return registry.get(MeterNames.JOINS).tag(MeterNames.TAG_RESULT, "failed").counter().count();
    }
}

package io.leaderlatch.election;

import io.leaderlatch.store.ElectionStore;
import io.leaderlatch.store.ReadOutcome;
import io.leaderlatch.store.embedded.EmbeddedStore;
import io.leaderlatch.testing.service.ForwardingStore;
import io.leaderlatch.testing.service.StoredGroups;
import io.leaderlatch.testing.Timing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How a coordinator acts on the hints it is handed: one re-read per hinted group with local
 * members, however many hints arrive, plus one more when a hint came during a read.
 */
class HintedRefreshTest {

    /** No shard is polled while a test runs: every read of a group is the hints' doing. */
    private static final Duration NO_POLL = Duration.ofMinutes(10);
    /** Heartbeats are read often, so an instance soon vouches for another's members. */
    private static final Duration HEARTBEAT_POLL = Duration.ofMillis(100);

    private final EmbeddedStore embedded = new EmbeddedStore(true);
    private final GatedReads store = new GatedReads(embedded);
    private final List<ElectionCoordinator> coordinators = new ArrayList<>();

    @AfterEach
    void closeAll() {
        coordinators.forEach(ElectionCoordinator::close);
        embedded.close();
    }

    @Test
    void manyHintsDuringOneReadCostOneMoreReadAndNoMore() throws Exception {
        ElectionCoordinator coordinator = coordinator();
        join(coordinator, "g", "a");
        int readsBefore = store.reads(StoredGroups.key("g"));

        store.holdReads(StoredGroups.key("g"));
        coordinator.hinted("g");
        await().atMost(Timing.patience()).until(() -> store.reads(StoredGroups.key("g")) == readsBefore + 1);
        for (int i = 0; i < 50; i++) {
            coordinator.hinted("g");
        }
        store.releaseReads();

        // The read under way may have been served before the change the later hints name: one
        // more read follows it, and then no other.
        await().atMost(Timing.patience()).until(() -> store.reads(StoredGroups.key("g")) == readsBefore + 2);
        await().during(Duration.ofMillis(500)).atMost(Timing.patience())
                .until(() -> store.reads(StoredGroups.key("g")) == readsBefore + 2);
    }

    @Test
    void aHintForAGroupWithoutLocalMembersReadsNothing() {
        ElectionCoordinator coordinator = coordinator();
        join(coordinator, "g", "a");
        int readsBefore = store.reads(StoredGroups.key("g"));

        coordinator.hinted("elsewhere");
        coordinator.hinted("g"); // handled after the first, in order: once it is read, the first was ignored
        await().atMost(Timing.patience()).until(() -> store.reads(StoredGroups.key("g")) == readsBefore + 1);

        assertThat(store.reads(StoredGroups.key("elsewhere"))).isZero();
    }

    @Test
    void aHintedReadTellsTheLocalMembersOfALeaderChangedElsewhere() {
        ElectionCoordinator one = coordinator();
        ElectionCoordinator two = coordinator();
        TimedMember a = join(one, "g", "a");
        TimedMember b = new TimedMember();
        two.join("g", "b", b);
        await().atMost(Timing.patience()).until(() -> b.lines().equals(List.of("LEADER a")));

        one.leave(a);
        // Without a hint, two would hear of it only at a poll minutes away.
        await().atMost(Timing.patience()).until(() -> membersOf("g").equals(List.of("b")));
        assertThat(b.lines()).containsExactly("LEADER a");
        two.hinted("g");
        await().atMost(Timing.patience()).until(() -> b.lines().equals(List.of("LEADER a", "LEADER b")));
    }

    private List<String> membersOf(String group) {
        return StoredGroups.clients(embedded, group);
    }

    private ElectionCoordinator coordinator() {
        Duration lease = Duration.ofSeconds(30);
        CoordinatorOptions options = new CoordinatorOptions("node" + (coordinators.size() + 1) + "/a", 50,
                Duration.ofMillis(10), Duration.ofMillis(200), lease, Duration.ofMillis(200), lease.dividedBy(3),
                HEARTBEAT_POLL, NO_POLL);
        ElectionCoordinator coordinator = new ElectionCoordinator(store, options, ElectionObserver.NONE);
        coordinators.add(coordinator);
        coordinator.start().orTimeout(Timing.patience().toMillis(), TimeUnit.MILLISECONDS).join();
        return coordinator;
    }

    private static TimedMember join(ElectionCoordinator coordinator, String group, String client) {
        TimedMember member = new TimedMember();
        coordinator.join(group, client, member);
        await().atMost(Timing.patience()).until(() -> !member.lines().isEmpty());
        assertThat(member.lines().get(0)).startsWith("LEADER ");
        return member;
    }

    /** Counts reads per key, and holds the reads of one key until released. */
    private static final class GatedReads extends ForwardingStore {

        private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
        private volatile String heldKey;
        private final CompletableFuture<Void> gate = new CompletableFuture<>();

        GatedReads(ElectionStore store) {
            super(store);
        }

        int reads(String key) {
            return reads.computeIfAbsent(key, k -> new AtomicInteger()).get();
        }

        void holdReads(String key) {
            heldKey = key;
        }

        void releaseReads() {
            heldKey = null;
            gate.complete(null);
        }

        @Override
        public CompletableFuture<ReadOutcome> get(String key) {
            reads.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            CompletableFuture<ReadOutcome> read = delegate.get(key);
            return key.equals(heldKey) ? gate.thenCompose(ignored -> read) : read;
        }
    }
}

package io.leaderlatch.election;

import io.leaderlatch.store.embedded.EmbeddedStore;
import io.leaderlatch.testing.service.FaultyStore;
import io.leaderlatch.testing.service.StoredGroups;
import io.leaderlatch.testing.Timing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ElectionCoordinatorTest {

    private final EmbeddedStore store = new EmbeddedStore(true);
    private final List<ElectionCoordinator> coordinators = new ArrayList<>();
    private final List<Duration> failovers = new CopyOnWriteArrayList<>();
    private final AtomicInteger leaderChanges = new AtomicInteger();
    private final AtomicInteger storeUnavailable = new AtomicInteger();

    private final ElectionObserver observer = new ElectionObserver() {
        @Override
        public void leaderChanged() {
            leaderChanges.incrementAndGet();
        }

        @Override
        public void failoverCompleted(Duration elapsed) {
            failovers.add(elapsed);
        }

        @Override
        public void storeUnavailable() {
            storeUnavailable.incrementAndGet();
        }
    };

    @AfterEach
    void closeAll() {
        coordinators.forEach(ElectionCoordinator::close);
        store.close();
    }

    private ElectionCoordinator coordinator(String instance, io.leaderlatch.store.ElectionStore on) {
        ElectionCoordinator coordinator = new ElectionCoordinator(on, options(instance), observer);
        coordinators.add(coordinator);
        coordinator.start().orTimeout(Timing.patience().toMillis(), TimeUnit.MILLISECONDS).join();
        return coordinator;
    }

    /** Short timings, so lease and polling tests finish quickly; bounds in assertions stay generous. */
    static CoordinatorOptions options(String instance) {
        return new CoordinatorOptions(instance, 50, Duration.ofMillis(10), Duration.ofMillis(200),
                Duration.ofMillis(1500), Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofMillis(100),
                Duration.ofMillis(100));
    }

    private static void eventually(Runnable assertion) {
        await().atMost(Timing.patience()).untilAsserted(assertion::run);
    }

    private RecordingMember joined(ElectionCoordinator coordinator, String group, String client, String expectedLeader) {
        RecordingMember member = new RecordingMember();
        coordinator.join(group, client, member);
        eventually(() -> assertThat(member.events()).containsExactly("LEADER " + expectedLeader));
        return member;
    }

    @Test
    void theFirstMemberLeadsAndTheLongestWaitingMemberTakesOver() {
        ElectionCoordinator coordinator = coordinator("test/1", store);
        RecordingMember a = joined(coordinator, "g", "a", "a");
        RecordingMember b = joined(coordinator, "g", "b", "a");
        RecordingMember c = joined(coordinator, "g", "c", "a");

        coordinator.leave(a);
        eventually(() -> {
            assertThat(b.events()).containsExactly("LEADER a", "LEADER b");
            assertThat(c.events()).containsExactly("LEADER a", "LEADER b");
        });
        assertThat(a.events()).containsExactly("LEADER a");
        eventually(() -> assertThat(failovers).hasSize(1));
        assertThat(leaderChanges.get()).isEqualTo(2);
    }

    @Test
    void everyLeaderChangeComesWithALargerTermNeverReusedWhenTheGroupIsCreatedAgain() {
        ElectionCoordinator coordinator = coordinator("test/1", store);
        RecordingMember a = joined(coordinator, "g", "a", "a");
        RecordingMember b = joined(coordinator, "g", "b", "a");
        coordinator.leave(a);
        eventually(() -> assertThat(b.events()).containsExactly("LEADER a", "LEADER b"));
        assertThat(b.terms().get(0)).isEqualTo(a.terms().get(0));
        assertThat(b.terms().get(1)).isGreaterThan(b.terms().get(0));

        coordinator.leave(b); // the group empties
        eventually(() -> assertThat(storedClients("g")).isEmpty());
        RecordingMember c = joined(coordinator, "g", "c", "c");
        assertThat(c.terms().get(0)).isGreaterThan(b.terms().get(1));
    }

    @Test
    void aFollowerLeavingTellsNobodyAnything() {
        ElectionCoordinator coordinator = coordinator("test/1", store);
        RecordingMember a = joined(coordinator, "g", "a", "a");
        RecordingMember b = joined(coordinator, "g", "b", "a");
        RecordingMember c = joined(coordinator, "g", "c", "a");
        coordinator.leave(b);
        coordinator.leave(a);
        eventually(() -> assertThat(c.events()).containsExactly("LEADER a", "LEADER c"));
        assertThat(b.events()).containsExactly("LEADER a");
    }

    @Test
    void theGroupIsGoneWhenItsLastMemberLeaves() {
        ElectionCoordinator coordinator = coordinator("test/1", store);
        RecordingMember a = joined(coordinator, "g", "a", "a");
        assertThat(coordinator.localGroupCount()).isEqualTo(1);
        assertThat(coordinator.localMemberCount()).isEqualTo(1);
        coordinator.leave(a);
        eventually(() -> assertThat(storedClients("g")).isEmpty());
        eventually(() -> assertThat(coordinator.localGroupCount()).isZero());
        assertThat(coordinator.localMemberCount()).isZero();
        joined(coordinator, "g", "z", "z");
    }

    @Test
    void groupsAreIndependent() {
        ElectionCoordinator coordinator = coordinator("test/1", store);
        RecordingMember a = joined(coordinator, "g1", "a", "a");
        RecordingMember b = joined(coordinator, "g2", "b", "b");
        joined(coordinator, "g2", "a", "b");
        coordinator.leave(a);
        eventually(() -> assertThat(storedClients("g1")).isEmpty());
        assertThat(b.events()).containsExactly("LEADER b");
    }

    @Test
    void aSecondOpenMembershipUnderOneNameIsRefusedUntilTheFirstEnds() {
        ElectionCoordinator coordinator = coordinator("test/1", store);
        RecordingMember first = joined(coordinator, "g", "a", "a");
        RecordingMember second = new RecordingMember();
        coordinator.join("g", "a", second);
        eventually(() -> assertThat(second.events()).containsExactly("JOIN_FAILED NAME_IN_USE"));
        coordinator.leave(second); // its connection closes; must not disturb the first
        coordinator.leave(first);
        eventually(() -> assertThat(storedClients("g")).isEmpty());
        joined(coordinator, "g", "a", "a");
    }

    @Test
    void withoutTheStoreAJoinFailsAndNobodyIsToldTheyLead() {
        ElectionCoordinator coordinator = coordinator("test/1", store);
        store.setAvailable(false);
        RecordingMember a = new RecordingMember();
        coordinator.join("g", "a", a);
        eventually(() -> assertThat(a.events()).containsExactly("JOIN_FAILED STORE_UNAVAILABLE"));
        eventually(() -> assertThat(coordinator.localMemberCount()).isZero());
        store.setAvailable(true);
        assertThat(storedClients("g")).isEmpty();
    }

    @Test
    void aDepartureDuringAnOutageIsWrittenOnceTheStoreIsBack() {
        ElectionCoordinator coordinator = coordinator("test/1", store);
        RecordingMember a = joined(coordinator, "g", "a", "a");
        RecordingMember b = joined(coordinator, "g", "b", "a");
        store.setAvailable(false);
        coordinator.leave(a);
        // Retries run with backoff while the store is down; b must not hear of a leader change
        // that was not written.
        await().pollDelay(Duration.ofMillis(300)).atMost(Timing.patience())
                .untilAsserted(() -> assertThat(b.events()).containsExactly("LEADER a"));
        store.setAvailable(true);
        eventually(() -> assertThat(b.events()).containsExactly("LEADER a", "LEADER b"));
    }

    @Test
    void aJoinWhoseWriteTimedOutIsRemovedAgain() {
        FaultyStore faulty = new FaultyStore(store);
        ElectionCoordinator coordinator = coordinator("test/1", faulty);
        faulty.applyButTimeOut(1);
        RecordingMember a = new RecordingMember();
        coordinator.join("g", "a", a);
        eventually(() -> assertThat(a.events()).containsExactly("JOIN_FAILED STORE_UNAVAILABLE"));
        // The write was applied; the coordinator must take the member out again by itself.
        eventually(() -> assertThat(storedClients("g")).isEmpty());
    }

    @Test
    void aJoinAndItsDepartureQueuedBehindTheGroupsDeletionLeaveNothingBehind() throws Exception {
        FaultyStore slow = new FaultyStore(store);
        ElectionCoordinator coordinator = coordinator("test/1", slow);
        RecordingMember b = joined(coordinator, "g", "b", "b");
        slow.holdWrites();
        coordinator.leave(b); // the group's delete is now in flight
        RecordingMember a = new RecordingMember();
        coordinator.join("g", "a", a);
        coordinator.leave(a); // both wait for the next write, in one batch
        eventually(() -> assertThat(storedClients("g")).isEmpty());
        slow.releaseWrites();
        coordinator.whenIdle().get(Timing.patience().toMillis(), TimeUnit.MILLISECONDS);
        assertThat(storedClients("g")).isEmpty();
        assertThat(a.events()).isEmpty();
        assertThat(storeUnavailable.get()).as("batches given up").isZero();
        joined(coordinator, "g", "c", "c");
    }

    @Test
    void twoInstancesSharingAStoreWriteOnlyOnTopOfWhatTheyRead() {
        ElectionCoordinator one = coordinator("node1/1", store);
        ElectionCoordinator two = coordinator("node2/1", store);
        RecordingMember a = joined(one, "g", "a", "a");
        joined(two, "g", "b", "a");
        RecordingMember c = joined(one, "g", "c", "a");
        // one's cached record misses b; its conditional write must fail, re-read, and keep b.
        one.leave(a);
        eventually(() -> assertThat(storedClients("g")).containsExactly("b", "c"));
        eventually(() -> assertThat(c.events()).containsExactly("LEADER a", "LEADER b"));
        two.join("g", "c", new RecordingMember());
        RecordingMember sameName = new RecordingMember();
        two.join("g", "c", sameName);
        eventually(() -> assertThat(sameName.events()).containsExactly("JOIN_FAILED NAME_IN_USE"));
    }

    /** Many members joining and leaving one group at once: none lost, no leader skipped. */
    @Test
    void concurrentJoinsAndLeavesOfOneGroupKeepJoinOrder() throws Exception {
        ElectionCoordinator coordinator = coordinator("test/1", store);
        int count = 200;
        List<RecordingMember> members = IntStream.range(0, count).mapToObj(i -> new RecordingMember()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < count; i++) {
                int n = i;
                pool.execute(() -> coordinator.join("g", "m" + n, members.get(n)));
            }
            eventually(() -> assertThat(members).allSatisfy(m -> assertThat(m.events()).hasSize(1)));
            List<String> order = storedClients("g");
            assertThat(order).hasSize(count).doesNotHaveDuplicates();
            String first = order.get(0);
            assertThat(members).allSatisfy(m -> assertThat(m.events()).containsExactly("LEADER " + first));

            List<Integer> leaving = new ArrayList<>(IntStream.range(0, count).boxed().toList());
            Collections.shuffle(leaving, new Random(42));
            List<Integer> staying = leaving.subList(count / 2, count);
            for (int n : leaving.subList(0, count / 2)) {
                pool.execute(() -> coordinator.leave(members.get(n)));
            }
            List<String> expected = order.stream()
                    .filter(name -> staying.contains(Integer.parseInt(name.substring(1)))).toList();
            eventually(() -> assertThat(storedClients("g")).isEqualTo(expected));
            eventually(() -> assertThat(staying).allSatisfy(n -> assertThat(members.get(n).events())
                    .last().isEqualTo("LEADER " + expected.get(0))));
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void whenIdleCompletesOnceDeparturesAreWritten() throws Exception {
        ElectionCoordinator coordinator = coordinator("test/1", store);
        RecordingMember a = joined(coordinator, "g", "a", "a");
        coordinator.leave(a);
        coordinator.whenIdle().get(Timing.patience().toMillis(), TimeUnit.MILLISECONDS);
        assertThat(storedClients("g")).isEmpty();
    }

    private List<String> storedClients(String group) {
        return StoredGroups.clients(store, group);
    }
}

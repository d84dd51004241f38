package io.leaderlatch.election;

import io.leaderlatch.store.ElectionStore;
import io.leaderlatch.store.embedded.EmbeddedStore;
import io.leaderlatch.testing.service.FaultyStore;
import io.leaderlatch.testing.service.StoredGroups;
import io.leaderlatch.testing.Timing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Several coordinators ("instances") sharing one store, in one process: leader changes across
 * instances, dead instances, an instance cut off from the store, clean stops.
 */
class MultiInstanceTest {

    private static final Duration SHORT_LEASE = Duration.ofMillis(1500);
    private static final Duration LONG_LEASE = Duration.ofSeconds(30);

    private final EmbeddedStore store = new EmbeddedStore(true);
    private final List<ElectionCoordinator> coordinators = new ArrayList<>();

    @AfterEach
    void closeAll() {
        coordinators.forEach(ElectionCoordinator::close);
        store.close();
    }

    private ElectionCoordinator instance(String id, ElectionStore on, Duration lease) {
        return instance(id, on, lease, Duration.ofMillis(100));
    }

    private ElectionCoordinator instance(String id, ElectionStore on, Duration lease, Duration sharedPoll) {
        Duration margin = lease.dividedBy(3);
        CoordinatorOptions options = new CoordinatorOptions(id, 50, Duration.ofMillis(10), Duration.ofMillis(200),
                lease, lease.dividedBy(10), margin, Duration.ofMillis(100), sharedPoll);
        ElectionCoordinator coordinator = new ElectionCoordinator(on, options, ElectionObserver.NONE);
        coordinators.add(coordinator);
        coordinator.start().orTimeout(Timing.patience().toMillis(), TimeUnit.MILLISECONDS).join();
        return coordinator;
    }

    private static TimedMember join(ElectionCoordinator coordinator, String group, String client, String leader) {
        TimedMember member = new TimedMember();
        coordinator.join(group, client, member);
        eventually(() -> assertThat(member.lines()).containsExactly("LEADER " + leader));
        return member;
    }

    private static void eventually(Runnable assertion) {
        await().atMost(Timing.patience()).untilAsserted(assertion::run);
    }

    @Test
    void aLeaderLeavingOnOneInstanceIsSeenOnTheOthersByPollingNotByLeaseExpiry() {
        ElectionCoordinator one = instance("node1/a", store, LONG_LEASE);
        ElectionCoordinator two = instance("node2/a", store, LONG_LEASE);
        ElectionCoordinator three = instance("node3/a", store, LONG_LEASE);
        TimedMember a = join(one, "g", "a", "a");
        TimedMember b = join(two, "g", "b", "a");
        TimedMember c = join(three, "g", "c", "a");

        long left = System.nanoTime();
        one.leave(a);
        eventually(() -> {
            assertThat(b.lines()).containsExactly("LEADER a", "LEADER b");
            assertThat(c.lines()).containsExactly("LEADER a", "LEADER b");
        });
        // Polling every 100 ms, not the 30 s lease, brought the news.
        assertThat(Duration.ofNanos(b.firstTime("LEADER b").orElseThrow() - left)).isLessThan(LONG_LEASE.dividedBy(3));
    }

    @Test
    void theMembersOfAnInstanceThatStopsRenewingAreRemovedAfterAFullLease() {
        ElectionCoordinator one = instance("node1/a", store, SHORT_LEASE);
        ElectionCoordinator two = instance("node2/a", store, SHORT_LEASE);
        join(one, "g", "a", "a");
        TimedMember b = join(two, "g", "b", "a");

        long died = System.nanoTime();
        one.close(); // killed: no departures written, no record deleted
        eventually(() -> assertThat(b.lines()).containsExactly("LEADER a", "LEADER b"));
        // Safety: nobody may act until a full lease after the last heartbeat the dead instance
        // wrote, which was at most one renew interval before it died.
        assertThat(Duration.ofNanos(b.firstTime("LEADER b").orElseThrow() - died))
                .isGreaterThanOrEqualTo(SHORT_LEASE.minus(SHORT_LEASE.dividedBy(10)));
    }

    @Test
    void anInstanceCutOffFromTheStoreClosesItsClientsBeforeAnyoneElseIsToldTheyLead() {
        FaultyStore oneStore = new FaultyStore(store);
        ElectionCoordinator one = instance("node1/a", oneStore, SHORT_LEASE);
        ElectionCoordinator two = instance("node2/a", store, SHORT_LEASE);
        TimedMember a = join(one, "g", "a", "a");
        TimedMember b = join(two, "g", "b", "a");

        oneStore.cutOff();
        eventually(() -> assertThat(a.lines()).containsExactly("LEADER a", "EVICTED"));
        one.leave(a); // the session closes the connection and reports it
        TimedMember refused = new TimedMember();
        one.join("g", "x", refused);
        eventually(() -> assertThat(refused.lines()).containsExactly("JOIN_FAILED STORE_UNAVAILABLE"));

        eventually(() -> assertThat(b.lines()).containsExactly("LEADER a", "LEADER b"));
        assertThat(a.firstTime("EVICTED").orElseThrow()).isLessThan(b.firstTime("LEADER b").orElseThrow());

        // Back in touch: it was declared dead, so it serves again under a new incarnation.
        String oldId = one.instanceId();
        oneStore.restore();
        await().atMost(Timing.patience()).until(one::holdsLease);
        assertThat(one.instanceId()).isEqualTo(oldId + ".1");
        join(one, "g", "z", "b");
    }

    /**
     * Found by the checker on real Riak: a write that lost a race re-read the shard, took in
     * another instance's change (here, the leader's departure) and reported only its own groups,
     * so the member told nothing of it kept its old leader for good.
     */
    @Test
    void aChangeByAnotherInstanceTakenInByAConflictingWriteIsTold() {
        Duration noHintsNoPolls = Duration.ofMinutes(10);
        ElectionCoordinator one = instance("node1/a", store, LONG_LEASE, noHintsNoPolls);
        ElectionCoordinator two = instance("node2/a", store, LONG_LEASE, noHintsNoPolls);
        TimedMember a = join(one, "g", "a", "a");
        TimedMember b = join(two, "g", "b", "a");
        one.leave(a); // written by one; two hears nothing, neither hint nor poll
        eventually(() -> assertThat(StoredGroups.clients(store, "g")).containsExactly("b"));
        // h79 is kept in g's shard: two's write of it conflicts, and its re-read brings a's departure.
        join(two, "h79", "c", "c");
        eventually(() -> assertThat(b.lines()).containsExactly("LEADER a", "LEADER b"));
    }

    @Test
    void termsKeepGrowingAcrossALeaderLeavingAStoreOutageAndARestartOfEveryInstance() {
        FaultyStore faulty = new FaultyStore(store);
        ElectionCoordinator one = instance("node1/a", faulty, SHORT_LEASE);
        ElectionCoordinator two = instance("node2/a", faulty, SHORT_LEASE);
        TimedMember a = join(one, "g", "a", "a");
        TimedMember b = join(two, "g", "b", "a");
        long first = b.termOf("LEADER a").orElseThrow();
        assertThat(a.termOf("LEADER a")).contains(first);

        one.leave(a);
        eventually(() -> assertThat(b.lines()).containsExactly("LEADER a", "LEADER b"));
        long second = b.termOf("LEADER b").orElseThrow();
        assertThat(second).isGreaterThan(first);

        // The store goes away for everyone: both instances fence and evict their members.
        faulty.cutOff();
        eventually(() -> assertThat(b.lines()).contains("EVICTED"));
        two.leave(b); // as its session does once the eviction has closed its connection
        faulty.restore();
        // The departure is written once the store is back; g empties.
        eventually(() -> assertThat(StoredGroups.clients(store, "g")).isEmpty());
        eventually(() -> assertThat(two.holdsLeaseNow()).isTrue());
        TimedMember c = join(two, "g", "c", "c");
        long third = c.termOf("LEADER c").orElseThrow();
        assertThat(third).isGreaterThan(second);

        // Every instance stops; new ones start on the same store.
        two.leave(c);
        coordinators.forEach(ElectionCoordinator::close);
        ElectionCoordinator three = instance("node3/a", store, SHORT_LEASE);
        TimedMember d = join(three, "g", "d", "d");
        assertThat(d.termOf("LEADER d").orElseThrow()).isGreaterThan(third);
    }

    @Test
    void anyInstanceReadsEveryGroupAndEveryInstanceOfTheCluster() throws Exception {
        ElectionCoordinator one = instance("node1/a", store, LONG_LEASE);
        ElectionCoordinator two = instance("node2/a", store, LONG_LEASE);
        join(one, "g", "a", "a");
        join(two, "g", "b", "a");
        join(two, "h", "c", "c");

        List<ElectionView.Group> groups = one.readGroups(Optional.empty()).get(10, TimeUnit.SECONDS);
        assertThat(groups).extracting(ElectionView.Group::name).containsExactly("g", "h");
        assertThat(groups.get(0).members()).extracting(ElectionView.Member::client, ElectionView.Member::instance)
                .containsExactly(tuple("a", "node1/a"), tuple("b", "node2/a"));
        assertThat(groups.get(0).members()).allMatch(member -> member.joinedAt() > 0);
        assertThat(one.readGroups(Optional.of("h")).get(10, TimeUnit.SECONDS)).singleElement()
                .satisfies(h -> assertThat(h.leader()).isEqualTo("c"));

        List<ElectionView.Instance> instances = two.readInstances().get(10, TimeUnit.SECONDS);
        assertThat(instances).extracting(ElectionView.Instance::id, ElectionView.Instance::self)
                .containsExactlyInAnyOrder(tuple("node1/a", false), tuple("node2/a", true));
        assertThat(instances).allMatch(instance -> instance.leaseMillis() == LONG_LEASE.toMillis());
    }

    @Test
    void aCleanlyStoppedInstanceIsActedOnAtOnceNotAfterItsLease() throws Exception {
        ElectionCoordinator one = instance("node1/a", store, LONG_LEASE);
        ElectionCoordinator two = instance("node2/a", store, LONG_LEASE);
        join(one, "g", "a", "a");
        TimedMember b = join(two, "g", "b", "a");

        long stopped = System.nanoTime();
        // As if the departures had not been written in time: only the instance record goes.
        one.deregister().get(Timing.patience().toMillis(), TimeUnit.MILLISECONDS);
        one.close();
        eventually(() -> assertThat(b.lines()).containsExactly("LEADER a", "LEADER b"));
        assertThat(Duration.ofNanos(b.firstTime("LEADER b").orElseThrow() - stopped)).isLessThan(LONG_LEASE.dividedBy(3));
    }

    @Test
    void withoutTheStoreEveryInstanceRefusesJoinsAndRecoversByItself() {
        ElectionCoordinator one = instance("node1/a", store, SHORT_LEASE);
        ElectionCoordinator two = instance("node2/a", store, SHORT_LEASE);
        store.setAvailable(false);
        for (ElectionCoordinator instance : List.of(one, two)) {
            TimedMember refused = new TimedMember();
            instance.join("g", "x", refused);
            eventually(() -> assertThat(refused.lines()).containsExactly("JOIN_FAILED STORE_UNAVAILABLE"));
        }
        store.setAvailable(true);
        await().atMost(Timing.patience()).until(() -> one.holdsLease() && two.holdsLease());
        join(one, "g", "a", "a");
        join(two, "g", "b", "a");
    }

    @Test
    void aJoinWrittenButAnsweredTimeoutNeverLeavesASecondLeaderOrAGhost() {
        FaultyStore oneStore = new FaultyStore(store);
        ElectionCoordinator one = instance("node1/a", oneStore, SHORT_LEASE);
        ElectionCoordinator two = instance("node2/a", store, SHORT_LEASE);
        oneStore.applyButTimeOut(1);
        TimedMember a = new TimedMember();
        one.join("g", "a", a);
        eventually(() -> assertThat(a.lines()).containsExactly("JOIN_FAILED STORE_UNAVAILABLE"));
        // a was written as leader but never told; it must be removed, and b must lead.
        TimedMember b = new TimedMember();
        two.join("g", "b", b);
        eventually(() -> assertThat(b.lines()).last().isEqualTo("LEADER b"));
        assertThat(a.lines()).doesNotContain("LEADER a");
    }
}

package io.leaderlatch.election;

import io.leaderlatch.store.embedded.EmbeddedStore;
import io.leaderlatch.testing.service.StoredGroups;
import io.leaderlatch.testing.Timing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance that dies (no departures written, no record deleted) while its members are the only
 * ones in their group: whatever instance they come back to, or whoever else joins, must not be
 * kept waiting by them beyond {@code lease + poll-interval}, nor be told they lead. These failed
 * before every instance watched every other one, whether or not they shared a group.
 */
class DeadInstanceTest {

    private static final Duration LEASE = Duration.ofMillis(1500);
    private static final Duration POLL = Duration.ofMillis(100);
    /** lease + poll, plus the removal writes and a loaded machine. */
    private static final Duration BOUND = LEASE.plus(POLL).plus(Timing.scaled(Duration.ofMillis(1500)));

    private final EmbeddedStore store = new EmbeddedStore(true);
    private final List<ElectionCoordinator> coordinators = new ArrayList<>();

    @AfterEach
    void closeAll() {
        coordinators.forEach(ElectionCoordinator::close);
        store.close();
    }

    @Test
    void membersOfADeadInstanceComeBackUnderTheirOwnNamesOnAnotherWithinLeasePlusPoll() {
        ElectionCoordinator a = instance("node1/a");
        ElectionCoordinator b = instance("node2/a");
        join(a, "g", "x1", "LEADER x1");
        join(a, "g", "x2", "LEADER x1");

        long died = System.nanoTime();
        a.close();
        // Both come back at once, as clients whose connections the dead host's kernel reset do,
        // and retry on NAME_IN_USE as the Java client does.
        RetryingJoin x1 = new RetryingJoin(b, "g", "x1");
        RetryingJoin x2 = new RetryingJoin(b, "g", "x2");
        await().atMost(Timing.patience()).until(() -> x1.answered("LEADER x1") && x2.answered("LEADER x1"));
        assertThat(Duration.ofNanos(x1.answeredAt() - died)).isLessThan(BOUND);
        assertThat(StoredGroups.clients(store, "g")).containsExactly("x1", "x2");
    }

    @Test
    void aJoinNeverNamesALeaderWhoseInstanceStoppedRenewingALeaseAgo() throws Exception {
        ElectionCoordinator a = instance("node1/a");
        ElectionCoordinator b = instance("node2/a");
        join(a, "g", "x1", "LEADER x1");
        a.close();
        Thread.sleep(LEASE.plus(POLL.multipliedBy(3)).toMillis()); // the lease has run out

        TimedMember y = new TimedMember();
        b.join("g", "y", y);
        await().atMost(Timing.patience()).until(() -> !y.lines().isEmpty());
        assertThat(y.lines()).containsExactly("LEADER y");
    }

    @Test
    void anInstanceThatNeverSawTheDeadOneAliveWaitsForItsFateInsteadOfNamingItsMember() {
        ElectionCoordinator a = instance("node1/a");
        join(a, "g", "x1", "LEADER x1");
        a.close();
        long died = System.nanoTime();

        // b starts after a died: it reads a heartbeat it has never seen change.
        ElectionCoordinator b = instance("node2/a");
        TimedMember y = new TimedMember();
        b.join("g", "y", y);
        await().atMost(Timing.patience()).until(() -> !y.lines().isEmpty());
        assertThat(y.lines()).containsExactly("LEADER y");
        // It learnt a's fate from a full lease of its own observation.
        assertThat(Duration.ofNanos(y.firstTime("LEADER y").orElseThrow() - died)).isGreaterThanOrEqualTo(LEASE);
    }

    @Test
    void aDeadInstancesMembersAreClearedFromGroupsNoLiveInstanceHasMembersIn() {
        ElectionCoordinator a = instance("node1/a");
        instance("node2/a");
        join(a, "alone", "x1", "LEADER x1");
        join(a, "other", "x2", "LEADER x2");
        long died = System.nanoTime();
        a.close();
        await().atMost(BOUND.plus(Timing.patience())).until(() ->
                StoredGroups.clients(store, "alone").isEmpty() && StoredGroups.clients(store, "other").isEmpty());
        assertThat(Duration.ofNanos(System.nanoTime() - died)).isLessThan(BOUND.plus(Duration.ofSeconds(1)));
    }

    @Test
    void aLiveHolderOfTheNameIsReportedOnceItsInstanceIsSeenToRenew() {
        ElectionCoordinator a = instance("node1/a");
        ElectionCoordinator b = instance("node2/a");
        join(a, "g", "x1", "LEADER x1");
        TimedMember again = new TimedMember();
        b.join("g", "x1", again);
        await().atMost(Timing.patience()).until(() -> !again.lines().isEmpty());
        assertThat(again.lines()).containsExactly("JOIN_FAILED NAME_IN_USE");
    }

    private ElectionCoordinator instance(String id) {
        CoordinatorOptions options = new CoordinatorOptions(id, 50, Duration.ofMillis(10), Duration.ofMillis(200),
                LEASE, LEASE.dividedBy(10), LEASE.dividedBy(3), POLL, POLL);
        ElectionCoordinator coordinator = new ElectionCoordinator(store, options, ElectionObserver.NONE);
        coordinators.add(coordinator);
        coordinator.start().orTimeout(Timing.patience().toMillis(), TimeUnit.MILLISECONDS).join();
        return coordinator;
    }

    private static TimedMember join(ElectionCoordinator coordinator, String group, String client, String answer) {
        TimedMember member = new TimedMember();
        coordinator.join(group, client, member);
        await().atMost(Timing.patience()).until(() -> member.lines().equals(List.of(answer)));
        return member;
    }

    /** A client that joins again after each NAME_IN_USE, 100 ms later. */
    private static final class RetryingJoin {

        private final ElectionCoordinator coordinator;
        private final String group;
        private final String client;
        private volatile TimedMember current = new TimedMember();

        RetryingJoin(ElectionCoordinator coordinator, String group, String client) {
            this.coordinator = coordinator;
            this.group = group;
            this.client = client;
            coordinator.join(group, client, current);
        }

        boolean answered(String line) {
            List<String> lines = current.lines();
            if (lines.equals(List.of("JOIN_FAILED NAME_IN_USE"))) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                current = new TimedMember();
                coordinator.join(group, client, current);
                return false;
            }
            return lines.contains(line);
        }

        long answeredAt() {
            return current.firstTime(current.lines().get(0)).orElseThrow();
        }
    }
}

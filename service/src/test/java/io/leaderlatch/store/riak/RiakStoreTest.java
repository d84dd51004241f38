package io.leaderlatch.store.riak;

import io.leaderlatch.store.Conflict;
import io.leaderlatch.store.ElectionStore;
import io.leaderlatch.store.ElectionStoreContract;
import io.leaderlatch.store.Found;
import io.leaderlatch.store.ReadOutcome;
import io.leaderlatch.store.Unavailable;
import io.leaderlatch.store.Version;
import io.leaderlatch.store.WriteOutcome;
import io.leaderlatch.store.Written;
import io.leaderlatch.testing.FreePorts;
import io.leaderlatch.testing.Timing;
import io.leaderlatch.testing.riak.RiakTestCluster;
import io.leaderlatch.testing.riak.RiakTestClusterExtension;
import io.leaderlatch.testing.riak.RiakTestNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store contract against an in-process Riak cluster of three nodes, plus what only Riak
 * does: error answers, unknown outcomes, unreachable and stalled nodes, and diagnosis.
 */
class RiakStoreTest extends ElectionStoreContract {

    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static final int MAX_CONNECTIONS = 8;

    @RegisterExtension
    final RiakTestClusterExtension riak = RiakTestClusterExtension.withNodes(3);

    private final List<RiakStore> otherStores = new ArrayList<>();
    private String bucket;

    @Override
    protected ElectionStore newStore() {
        bucket = "leader_latch_" + BUCKETS.incrementAndGet();
        return storeOn(cluster().endpoints(), "strong");
    }

    @AfterEach
    void closeOtherStores() {
        otherStores.forEach(RiakStore::close);
    }

    @Test
    void whatRiakAnswersFailedIsAConflictAndChangesNothing() {
        Version first = ((Written) await(store.create("group/a", bytes("one")))).version();
        assertThat(await(store.create("group/a", bytes("two")))).isInstanceOf(Conflict.class);
        assertThat(await(store.delete("group/a", Version.of(bytes("stale"))))).isInstanceOf(Conflict.class);
        assertThat(storedText("group/a")).contains("one");
        assertThat(await(store.compareAndSet("group/a", first, bytes("two")))).isInstanceOf(Written.class);
    }

    @Test
    void aWriteAtNoVersionConflictsWithoutAskingRiak() {
        await(store.create("group/a", bytes("one")));
        int before = answeredRequests();
        assertThat(await(store.compareAndSet("group/a", Version.NONE, bytes("two")))).isInstanceOf(Conflict.class);
        assertThat(await(store.delete("group/a", Version.NONE))).isInstanceOf(Conflict.class);
        assertThat(answeredRequests()).isEqualTo(before);
        assertThat(storedText("group/a")).contains("one");
    }

    @Test
    void aTimeoutAnswerLeavesAWriteUnknownAndAReadUnavailable() {
        cluster().nodes().forEach(RiakTestNode::answerTimeout);
        assertOutcomeUnknown(await(store.create("group/a", bytes("one"))));
        assertThat(await(store.get("group/a"))).isInstanceOfSatisfying(Unavailable.class,
                unavailable -> assertThat(unavailable.outcomeUnknown()).isFalse());
        assertThat(cluster().value("strong", bucket, "group/a")).isEmpty();
    }

    @Test
    void aWriteAppliedButAnsweredTimeoutIsUnknownAndAReReadShowsIt() {
        Version first = ((Written) await(store.create("group/a", bytes("one")))).version();
        cluster().nodes().forEach(node -> node.applyThenTimeout(1));
        assertOutcomeUnknown(await(store.compareAndSet("group/a", first, bytes("two"))));
        cluster().restoreAll();
        Found found = (Found) await(store.get("group/a"));
        assertThat(text(found.value())).isEqualTo("two");
        assertThat(found.version()).isNotEqualTo(first);
    }

    @Test
    void anUnavailableAnswerMeansStrongConsistencyIsOffAndNothingWasWritten() {
        cluster().answerUnavailableAll();
        assertThat(await(store.create("group/a", bytes("one")))).isInstanceOfSatisfying(Unavailable.class, unavailable -> {
            assertThat(unavailable.outcomeUnknown()).isFalse();
            assertThat(unavailable.reason()).contains("strong consistency is off");
        });
        assertThat(await(store.get("group/a"))).isInstanceOf(Unavailable.class);
    }

    @Test
    void aMissingBucketTypeIsUnavailableAndNamed() {
        RiakStore missing = storeOn(cluster().endpoints(), "no_such_type");
        assertThat(await(missing.get("group/a"))).isInstanceOfSatisfying(Unavailable.class,
                unavailable -> assertThat(unavailable.reason()).contains("no_such_type"));
        assertThat(await(missing.create("group/a", bytes("one")))).isInstanceOfSatisfying(Unavailable.class, unavailable -> {
            assertThat(unavailable.outcomeUnknown()).isFalse();
            assertThat(unavailable.reason()).contains("'no_such_type' does not exist");
        });
    }

    @Test
    void withEveryNodeCutOffRequestsAreUnavailableAndAfterRestoreTheyWorkAgain() {
        await(store.create("group/a", bytes("one")));
        cluster().cutOffAll();
        assertThat(await(store.get("group/a"))).isInstanceOf(Unavailable.class);
        assertThat(await(store.create("group/b", bytes("b")))).isInstanceOf(Unavailable.class);
        cluster().restoreAll();
        Awaitility.await().atMost(Timing.patience())
                .until(() -> await(store.get("group/a")) instanceof Found);
        assertThat(await(store.create("group/b", bytes("b")))).isInstanceOf(Written.class);
    }

    /**
     * riak-client 2.1.1 hands requests to the nodes in turn and does not retry them here. A node
     * that accepts connections but closes them keeps its turn until riak-client's health check
     * takes it out of rotation (a ping once a second after more than 5 closed connections within
     * 3 s, bounded by {@link BoundedPingHealthCheck}); until then a request handed to it fails,
     * and the next request goes to another node.
     */
    @Test
    void withOneNodeOfThreeCutOffAFailedRequestSucceedsWhenRetriedAndFailuresStop() {
        await(store.create("group/a", bytes("one")));
        cluster().node(0).cutOff();
        for (int request = 0; request < 30; request++) {
            if (await(store.get("group/a")) instanceof Unavailable) {
                assertThat(await(store.get("group/a"))).as("the retry of request %d", request).isInstanceOf(Found.class);
            }
        }
        Awaitility.await().atMost(Timing.patience())
                .until(() -> everyOneOf(12, () -> store.get("group/a"), Found.class));
        Version version = ((Found) await(store.get("group/a"))).version();
        assertThat(await(store.compareAndSet("group/a", version, bytes("two")))).isInstanceOf(Written.class);
    }

    /**
     * Nothing riak-client sees fails when a node stalls, so it keeps the node in rotation; but
     * each unanswered request holds one of the node's connections, and once all are held the
     * node is passed over.
     */
    @Test
    void aStalledNodeIsPassedOverOnceItHoldsEveryConnectionAllowed() {
        RiakStore quick = storeOn(cluster().endpoints(), "strong", Duration.ofMillis(500));
        await(quick.create("group/a", bytes("one")));
        cluster().node(0).stall();
        int failures = 0;
        for (int request = 0; request < 60; request++) {
            if (await(quick.get("group/a")) instanceof Unavailable) {
                failures++;
            }
        }
        assertThat(failures).isLessThanOrEqualTo(MAX_CONNECTIONS);
        assertThat(everyOneOf(12, () -> quick.get("group/a"), Found.class)).isTrue();
    }

    @Test
    void aStalledClusterAnswersUnavailableWithinTheRequestTimeout() {
        await(store.create("group/a", bytes("one")));
        cluster().nodes().forEach(RiakTestNode::stall);
        assertThat(await(store.get("group/a"))).isInstanceOfSatisfying(Unavailable.class,
                unavailable -> assertThat(unavailable.outcomeUnknown()).isFalse());
        assertOutcomeUnknown(await(store.create("group/b", bytes("b"))));
        cluster().restoreAll();
        assertThat(await(store.get("group/a"))).isInstanceOf(Found.class);
    }

    @Test
    void closingAnswersOutstandingRequests() {
        cluster().nodes().forEach(RiakTestNode::stall);
        RiakStore slow = storeOn(cluster().endpoints(), "strong", Duration.ofMinutes(5));
        CompletableFuture<WriteOutcome> write = slow.create("group/a", bytes("one"));
        CompletableFuture<ReadOutcome> read = slow.get("group/a");
        slow.close();
        assertOutcomeUnknown(await(write));
        assertThat(await(read)).isInstanceOf(Unavailable.class);
    }

    /** riak-client's own shutdown would wait for good for a request that a stalled node holds. */
    @Test
    void closingStopsEveryThreadOfTheStoreWhileAStalledNodeHoldsARequest() {
        cluster().nodes().forEach(RiakTestNode::stall);
        assertThat(await(store.get("group/a"))).isInstanceOf(Unavailable.class);
        store.close();
        Awaitility.await().atMost(Timing.patience()).until(() -> storeThreads().isEmpty());
    }

    @Test
    void diagnosisOfAReadyStoreIsEmptyAndLeavesNoProbeBehind() {
        assertThat(await(store.diagnose())).isEmpty();
        assertThat(cluster().keys("strong", bucket)).isEmpty();
    }

    @Test
    void diagnosisOfAMissingBucketTypeGivesTheCommandsThatCreateIt() {
        Optional<String> diagnosis = await(storeOn(cluster().endpoints(), "elections").diagnose());
        assertThat(diagnosis).hasValueSatisfying(message -> assertThat(message)
                .contains("'elections' does not exist")
                .contains("riak admin bucket-type create elections '{\"props\":{\"consistent\":true}}'")
                .contains("riak admin bucket-type activate elections"));
    }

    @Test
    void diagnosisOfABucketTypeWithoutStrongConsistencySaysSoAndCleansUp() {
        Optional<String> diagnosis = await(storeOn(cluster().endpoints(), "default").diagnose());
        assertThat(diagnosis).hasValueSatisfying(message -> assertThat(message)
                .contains("'default' is not strongly consistent")
                .contains("riak admin bucket-type create strong '{\"props\":{\"consistent\":true}}'"));
        assertThat(cluster().keys("default", bucket)).isEmpty();
    }

    @Test
    void diagnosisOfUnreachableRiakNamesTheEndpoints() {
        List<InetSocketAddress> closed = List.of(closedPort(), closedPort());
        Optional<String> diagnosis = await(storeOn(closed, "strong").diagnose());
        assertThat(diagnosis).hasValueSatisfying(message -> assertThat(message)
                .contains("unreachable")
                .contains("127.0.0.1:" + closed.get(0).getPort() + ", 127.0.0.1:" + closed.get(1).getPort()));
    }

    @Test
    void anEndpointThatDoesNotResolveIsAStoreNotReadyNotACrash() {
        InetSocketAddress nowhere = InetSocketAddress.createUnresolved("no-such-host.invalid", 8087);
        RiakStore unresolved = storeOn(List.of(nowhere), "strong");
        ReadOutcome read = unresolved.get("k").join();
        assertThat(read).isInstanceOfSatisfying(Unavailable.class, unavailable -> assertThat(unavailable.reason())
                .contains("cannot resolve the Riak endpoint(s) no-such-host.invalid:8087"));
        assertThat(await(unresolved.diagnose())).hasValueSatisfying(message -> assertThat(message)
                .contains("cannot resolve the Riak endpoint(s) no-such-host.invalid:8087"));
    }

    @Test
    void anEndpointThatResolvesLateIsUsedOnceItDoes() {
        InetSocketAddress node = cluster().endpoints().get(0);
        InetSocketAddress byName = InetSocketAddress.createUnresolved("localhost", node.getPort());
        AtomicInteger lookups = new AtomicInteger();
        // DNS that answers only from its third lookup on, as at boot before the resolver is up.
        RiakStoreOptions options = new RiakStoreOptions(List.of(byName), "strong", bucket, Duration.ofSeconds(2),
                Duration.ofSeconds(2), MAX_CONNECTIONS, 1024);
        RiakStore late = new RiakStore(options, new RiakTransport(options, host -> lookups.incrementAndGet() >= 3));
        otherStores.add(late);
        assertThat(late.get("k").join()).isInstanceOf(Unavailable.class);
        Awaitility.await().atMost(Duration.ofMillis(3 * RiakTransport.RESOLVE_RETRY_MILLIS).plus(Timing.patience()))
                .until(() -> !(late.get("k").join() instanceof Unavailable));
        assertThat(lookups.get()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void diagnosisOfCutOffNodesNamesTheEndpoints() {
        cluster().cutOffAll();
        assertThat(await(store.diagnose())).hasValueSatisfying(message -> assertThat(message)
                .contains(Endpoints.format(cluster().endpoints())));
    }

    @Test
    void diagnosisWithStrongConsistencyOffSaysHowToTurnItOn() {
        cluster().answerUnavailableAll();
        assertThat(await(store.diagnose())).hasValueSatisfying(message -> assertThat(message)
                .contains("strong_consistency = on").contains("riak admin ensemble-status"));
    }

    @Test
    void diagnosisWithoutQuorumPointsAtTheEnsembles() {
        cluster().nodes().forEach(RiakTestNode::answerTimeout);
        assertThat(await(store.diagnose())).hasValueSatisfying(message -> assertThat(message)
                .contains("quorum").contains("riak admin ensemble-status"));
    }

    /**
     * riak-client fails a request at once when every connection is busy; the store's queue makes
     * a burst wait its turn instead, as a burst of joins after a restart does.
     */
    @Test
    void aBurstOfManyMoreRequestsThanConnectionsWaitsItsTurnAndNoneFails() {
        cluster().nodes().forEach(node -> node.latency(Duration.ofMillis(20)));
        RiakStore narrow = storeOn(List.of(cluster().endpoints().get(0)), "strong", Duration.ofSeconds(2), 2, 1024);
        List<CompletableFuture<WriteOutcome>> writes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            writes.add(narrow.create("group/" + i, bytes("v")));
        }
        assertThat(writes).allSatisfy(write -> assertThat(await(write)).isInstanceOf(Written.class));
        assertThat(narrow.requestQueue().refusedFull() + narrow.requestQueue().refusedExpired()).isZero();
        assertThat(narrow.requestQueue().waiting()).isZero();
    }

    @Test
    void beyondMaxQueuedRequestsARequestIsRefusedUnsentAndCounted() {
        cluster().nodes().forEach(node -> node.latency(Duration.ofMillis(300)));
        RiakStore narrow = storeOn(List.of(cluster().endpoints().get(0)), "strong", Duration.ofSeconds(5), 1, 2);
        List<CompletableFuture<WriteOutcome>> writes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            writes.add(narrow.create("group/" + i, bytes("v")));
        }
        assertThat(await(writes.get(3))).isInstanceOfSatisfying(Unavailable.class, unavailable -> {
            assertThat(unavailable.outcomeUnknown()).as("never sent").isFalse();
            assertThat(unavailable.reason()).contains("max-queued-requests");
        });
        assertThat(await(writes.get(4))).isInstanceOf(Unavailable.class);
        assertThat(writes.subList(0, 3)).allSatisfy(write -> assertThat(await(write)).isInstanceOf(Written.class));
        assertThat(narrow.requestQueue().refusedFull()).isEqualTo(2);
        assertThat(cluster().keys("strong", bucket)).containsExactlyInAnyOrder("group/0", "group/1", "group/2");
    }

    @Test
    void aRequestThatWaitsAWholeRequestTimeoutForAConnectionIsRefusedUnsent() {
        // One connection, answers after 400 ms, a request timeout of 500 ms: the second request
        // is sent at 400 ms, the third would be sent at 800 ms, after it has waited too long.
        cluster().nodes().forEach(node -> node.latency(Duration.ofMillis(400)));
        RiakStore narrow = storeOn(List.of(cluster().endpoints().get(0)), "strong", Duration.ofMillis(500), 1, 16);
        CompletableFuture<WriteOutcome> first = narrow.create("group/a", bytes("a"));
        CompletableFuture<WriteOutcome> second = narrow.create("group/b", bytes("b"));
        CompletableFuture<WriteOutcome> third = narrow.create("group/c", bytes("c"));
        assertThat(await(first)).isInstanceOf(Written.class);
        assertThat(await(second)).isInstanceOf(Written.class);
        assertThat(await(third)).isInstanceOfSatisfying(Unavailable.class, unavailable -> {
            assertThat(unavailable.outcomeUnknown()).as("never sent").isFalse();
            assertThat(unavailable.reason()).contains("no Riak connection came free");
        });
        assertThat(narrow.requestQueue().refusedExpired()).isEqualTo(1);
        assertThat(cluster().keys("strong", bucket)).containsExactlyInAnyOrder("group/a", "group/b");
    }

    @Test
    void describeNamesTheBucketTypeTheBucketAndTheEndpoints() {
        assertThat(store.describe()).isEqualTo("riak bucket-type strong, bucket " + bucket
                + ", endpoints " + Endpoints.format(cluster().endpoints()));
    }

    private RiakTestCluster cluster() {
        return riak.cluster();
    }

    private RiakStore storeOn(List<InetSocketAddress> endpoints, String bucketType) {
        return storeOn(endpoints, bucketType, Duration.ofSeconds(2));
    }

    private RiakStore storeOn(List<InetSocketAddress> endpoints, String bucketType, Duration requestTimeout) {
        return storeOn(endpoints, bucketType, requestTimeout, MAX_CONNECTIONS, 1024);
    }

    private RiakStore storeOn(List<InetSocketAddress> endpoints, String bucketType, Duration requestTimeout,
                              int maxConnections, int maxQueued) {
        RiakStore riakStore = new RiakStore(new RiakStoreOptions(endpoints, bucketType, bucket,
                requestTimeout, Duration.ofSeconds(2), maxConnections, maxQueued));
        otherStores.add(riakStore);
        return riakStore;
    }

    private Optional<String> storedText(String key) {
        return cluster().value("strong", bucket, key).map(value -> text(value));
    }

    private int answeredRequests() {
        return cluster().nodes().stream().mapToInt(RiakTestNode::requestCount).sum();
    }

    private static List<String> storeThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("riak-io-") || name.startsWith("riak-client-") || name.startsWith("riak-send-"))
                .toList();
    }

    private static boolean everyOneOf(int requests, Supplier<CompletableFuture<ReadOutcome>> request,
                                      Class<? extends ReadOutcome> expected) {
        for (int i = 0; i < requests; i++) {
            if (!expected.isInstance(await(request.get()))) {
                return false;
            }
        }
        return true;
    }

    private static void assertOutcomeUnknown(WriteOutcome outcome) {
        assertThat(outcome).isInstanceOfSatisfying(Unavailable.class,
                unavailable -> assertThat(unavailable.outcomeUnknown()).as("outcome unknown").isTrue());
    }

    private static InetSocketAddress closedPort() {
        return new InetSocketAddress("127.0.0.1", FreePorts.pick());
    }
}

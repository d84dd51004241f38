package io.leaderlatch.realriak;

import io.leaderlatch.store.Conflict;
import io.leaderlatch.store.Found;
import io.leaderlatch.store.ReadOutcome;
import io.leaderlatch.store.Unavailable;
import io.leaderlatch.store.WriteOutcome;
import io.leaderlatch.store.Written;
import io.leaderlatch.store.riak.RiakStore;
import io.leaderlatch.store.riak.RiakStoreOptions;
import io.leaderlatch.testing.riak.RealRiak;
import io.leaderlatch.testing.riak.RealRiakCluster;
import io.leaderlatch.testing.riak.RiakTestCluster;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Node faults on a real cluster and their counterparts on the Riak protocol test server answer
 * alike: what each request answers, and how soon. Each test heals the real cluster after itself.
 */
@RealRiak(faults = true)
class FaultParityWithRealRiakTest {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

    private final RealRiakCluster riak = RealRiakCluster.fromEnvironment().orElseThrow();

    @AfterEach
    void heal() {
        riak.heal();
    }

    /**
     * Two nodes of three down: real Riak answers {@code timeout} (a write sometimes nothing within
     * the request timeout), never {@code unavailable}.
     * Its ensemble leader may still answer reads on its leader lease for a moment after the others
     * went (riak_ensemble's lease, under a second); the answers are timed once that has run out.
     */
    @Test
    void withoutQuorumEveryRequestIsAnsweredTimeoutAtOnce() {
        Answers real;
        try (RiakStore store = store(List.of(riak.node(2)), RealRiakCluster.freshBucket("quorum"))) {
            awaitServed(store);
            riak.node(1, "kill");
            riak.node(3, "kill");
            Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> store.get("k").join() instanceof Unavailable);
            real = Answers.of(store);
        }
        Answers test;
        try (RiakTestCluster cluster = RiakTestCluster.start(3);
             RiakStore store = store(List.of(cluster.endpoints().get(1)), "quorum")) {
            assertThat(store.create("k", bytes("v")).join()).isInstanceOf(Written.class);
            cluster.loseQuorum();
            test = Answers.of(store);
        }
        String timeoutAnswer = "unavailable (outcome unknown): Riak answered timeout: no quorum, or too slow";
        assertThat(real.read()).isEqualTo("unavailable: Riak answered timeout: no quorum, or too slow");
        // Real Riak answers a write without quorum timeout at once, or sometimes not within the
        // request timeout: its outcome is unknown either way, and the service treats both alike.
        assertThat(real.write()).isIn(timeoutAnswer,
                "unavailable (outcome unknown): no answer from Riak within the request timeout");
        assertThat(real.slowest()).isLessThan(REQUEST_TIMEOUT.plusMillis(500));
        assertThat(test.read()).isEqualTo(real.read());
        assertThat(test.write()).isEqualTo(timeoutAnswer);
        assertThat(test.slowest()).isLessThan(Duration.ofMillis(500));
    }

    /** A paused node accepts connections and answers nothing: requests end at the request timeout. */
    @Test
    void aPausedNodesRequestsEndAtTheRequestTimeoutWithTheirOutcomeUnknown() {
        Answers real;
        try (RiakStore store = store(List.of(riak.node(2)), RealRiakCluster.freshBucket("paused"))) {
            awaitServed(store);
            riak.node(2, "pause");
            real = Answers.of(store);
        }
        Answers test;
        try (RiakTestCluster cluster = RiakTestCluster.start(3);
             RiakStore store = store(List.of(cluster.endpoints().get(1)), "paused")) {
            assertThat(store.create("k", bytes("v")).join()).isInstanceOf(Written.class);
            cluster.node(1).stall();
            test = Answers.of(store);
            cluster.node(1).dropConnections();
        }
        for (Answers answers : List.of(real, test)) {
            assertThat(answers.read()).startsWith("unavailable: no answer");
            assertThat(answers.write()).startsWith("unavailable (outcome unknown): no answer");
            assertThat(answers.slowest()).isBetween(REQUEST_TIMEOUT.minusMillis(50), REQUEST_TIMEOUT.plusSeconds(1));
        }
    }

    /**
     * A killed node: the keys whose consensus group it led answer {@code timeout} on the other
     * nodes until new leaders are elected, then every key is writable again through a survivor.
     */
    @Test
    void afterANodeIsKilledSomeKeysAnswerTimeoutUntilTheirEnsemblesElectANewLeader() {
        Election real;
        try (RiakStore store = store(List.of(riak.node(1)), RealRiakCluster.freshBucket("killed"))) {
            real = Election.watch(store, () -> riak.node(3, "kill"));
        }
        Election test;
        try (RiakTestCluster cluster = RiakTestCluster.start(3);
             RiakStore store = store(List.of(cluster.endpoints().get(0)), "killed")) {
            test = Election.watch(store, () -> cluster.killNode(2));
        }
        System.out.println("after a node kill, real Riak: " + real + "; test server: " + test);
        assertThat(real.allWritableAfter()).isLessThan(Duration.ofSeconds(20));
        assertThat(test.allWritableAfter()).isLessThan(Duration.ofSeconds(20));
        assertThat(test.timeouts()).isPositive();
        assertThat(test.otherFailures()).isZero();
        assertThat(real.otherFailures()).isZero();
    }

    private static RiakStore store(List<InetSocketAddress> endpoints, String bucket) {
        return new RiakStore(new RiakStoreOptions(endpoints, RealRiakCluster.BUCKET_TYPE, bucket, REQUEST_TIMEOUT,
                Duration.ofSeconds(1), 8, 1024));
    }

    /**
     * Writes the key once the real cluster serves it: a heal waits for every ensemble to have a
     * leader, yet the first request to a fresh bucket can still time out while its ensemble settles.
     */
    private static void awaitServed(RiakStore store) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            WriteOutcome outcome = store.create("k", bytes("v")).join();
            // Conflict: an earlier try timed out but was applied.
            return outcome instanceof Written || outcome instanceof Conflict;
        });
    }

    private record Answers(String read, String write, Duration slowest) {

        static Answers of(RiakStore store) {
            long start = System.nanoTime();
            ReadOutcome read = store.get("k").join();
            long afterRead = System.nanoTime();
            WriteOutcome write = store.create("other", bytes("v")).join();
            long end = System.nanoTime();
            return new Answers(describe(read), describe(write),
                    Duration.ofNanos(Math.max(afterRead - start, end - afterRead)));
        }

        private static String describe(Object outcome) {
            if (outcome instanceof Unavailable unavailable) {
                return ParityWithRealRiakTest.kind(outcome) + ": " + unavailable.reason();
            }
            return ParityWithRealRiakTest.kind(outcome);
        }
    }

    /** Writes to 48 keys in rounds, from just before a node is killed until every key is written again. */
    private record Election(int timeouts, int otherFailures, Duration allWritableAfter) {

        static Election watch(RiakStore store, Runnable kill) {
            int keys = 48;
            for (int k = 0; k < keys; k++) {
                assertThat(store.create("key" + k, bytes("0")).join()).isInstanceOf(Written.class);
            }
            kill.run();
            long killed = System.nanoTime();
            int timeouts = 0;
            int others = 0;
            boolean[] done = new boolean[keys];
            int left = keys;
            while (left > 0 && System.nanoTime() - killed < Duration.ofSeconds(30).toNanos()) {
                for (int k = 0; k < keys; k++) {
                    if (done[k]) {
                        continue;
                    }
                    Object outcome = store.get("key" + k).join();
                    if (outcome instanceof Found found) {
                        outcome = store.compareAndSet("key" + k, found.version(), bytes("1")).join();
                    }
                    if (outcome instanceof Written) {
                        done[k] = true;
                        left--;
                    } else if (outcome instanceof Unavailable unavailable && unavailable.reason().contains("timeout")) {
                        timeouts++;
                    } else if (!(outcome instanceof Conflict)) {
                        others++; // a conflict is a timed-out write that was applied: read again
                    }
                }
            }
            return new Election(timeouts, others, Duration.ofNanos(System.nanoTime() - killed));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

package io.leaderlatch.realriak;

import io.leaderlatch.testing.service.ClusterView;
import io.leaderlatch.testing.InstanceProcess;
import io.leaderlatch.testing.LineClient;
import io.leaderlatch.testing.Timing;
import io.leaderlatch.testing.riak.RealRiak;
import io.leaderlatch.testing.riak.RealRiakCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Service instances in their own processes, each beside one node of a real Riak cluster, as an
 * operator runs them; among them the failures that only a real cluster showed (a burst of joins,
 * members stranded by a dead instance, a dead instance's member named as leader).
 */
@RealRiak
class ServiceOnRealRiakTest {

    private static final Duration LEASE = Duration.ofSeconds(6);
    private static final Duration POLL = Duration.ofMillis(500);

    @TempDir
    Path dir;

    private final RealRiakCluster riak = RealRiakCluster.fromEnvironment().orElseThrow();
    private final String bucket = RealRiakCluster.freshBucket("service");
    private final List<InstanceProcess> instances = new ArrayList<>();
    private final List<LineClient> clients = new ArrayList<>();

    @AfterEach
    void stopAll() {
        clients.forEach(LineClient::close);
        instances.forEach(InstanceProcess::kill);
    }

    private InstanceProcess start(String name, int node) {
        InstanceProcess instance = InstanceProcess.start(name, riak.node(node), String.join("\n",
                "leader-latch.store.type = riak",
                "leader-latch.riak { bucket = " + bucket + ", request-timeout = 2s, connect-timeout = 1s }",
                "leader-latch.election { lease = " + LEASE.toMillis() + "ms, renew-interval = 1s, fence-margin = 2s,"
                        + " poll-interval = " + POLL.toMillis() + "ms }",
                "leader-latch.limits.max-connections-per-address = 20000",
                "leader-latch.metrics.jmx-enabled = false", ""), dir, Timing.seconds(90));
        instances.add(instance);
        return instance;
    }

    private LineClient connect(InstanceProcess instance) {
        LineClient client = instance.connect();
        clients.add(client);
        return client;
    }

    @Test
    void anyInstanceShowsEveryGroupAndEveryInstanceOfTheCluster() {
        ClusterView.anyInstanceShowsTheWholeCluster(List.of(start("one", 1), start("two", 2), start("three", 3)), LEASE);
    }

    @Test
    void aLeaderLeavingOnOneInstanceIsToldOnTheOthersAtOnce() {
        InstanceProcess one = start("one", 1);
        InstanceProcess two = start("two", 2);
        InstanceProcess three = start("three", 3);
        LineClient a = connect(one);
        LineClient b = connect(two);
        LineClient c = connect(three);
        assertThat(a.join("spark", "a")).isEqualTo("LEADER a");
        assertThat(b.join("spark", "b")).isEqualTo("LEADER a");
        assertThat(c.join("spark", "c")).isEqualTo("LEADER a");

        long left = System.nanoTime();
        a.close();
        assertThat(b.readLine()).isEqualTo("LEADER b");
        assertThat(c.readLine()).isEqualTo("LEADER b");
        // A change hint and one read, not a poll: well under a second even on a loaded machine.
        assertThat(Duration.ofNanos(System.nanoTime() - left)).isLessThan(Timing.seconds(2));
    }

    /** Found on the real cluster: 100 joins at once, 84 refused for want of the client's own connections. */
    @Test
    void aThousandJoinsIntoAThousandNewGroupsAtOnceAreAllAnswered() {
        InstanceProcess one = start("burst", 1);
        List<LineClient> burst = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            burst.add(connect(one));
        }
        long sent = System.nanoTime();
        for (int i = 0; i < burst.size(); i++) {
            burst.get(i).send("JOIN burst-" + i + " c" + i);
        }
        Map<String, Integer> answers = new HashMap<>();
        for (int i = 0; i < burst.size(); i++) {
            answers.merge(burst.get(i).readLine(), 1, Integer::sum);
        }
        Duration all = Duration.ofNanos(System.nanoTime() - sent);
        assertThat(answers.keySet()).allMatch(answer -> answer.startsWith("LEADER c"));
        assertThat(answers.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(1000);
        System.out.println("1000 joins into 1000 new groups on real Riak: all answered in " + all.toMillis() + " ms");
        // The target is 2 s (docs/benchmarks.md measures it); CI machines are shared and slower.
        assertThat(all).isLessThan(Timing.seconds(10));
    }

    /**
     * Found on the real cluster: x1 and x2 on one instance, which dies; both came back on another
     * and were answered NAME_IN_USE for as long as it was tried (40 s).
     */
    @Test
    void membersOfAKilledInstanceComeBackUnderTheirOwnNamesWithinLeasePlusPoll() {
        InstanceProcess a = start("a", 1);
        InstanceProcess b = start("b", 2);
        assertThat(connect(a).join("stranded", "x1")).isEqualTo("LEADER x1");
        assertThat(connect(a).join("stranded", "x2")).isEqualTo("LEADER x1");

        long killed = System.nanoTime();
        a.kill();
        String x1 = joinRetryingNameInUse(b, "stranded", "x1");
        String x2 = joinRetryingNameInUse(b, "stranded", "x2");
        Duration took = Duration.ofNanos(System.nanoTime() - killed);
        assertThat(x1).isEqualTo("LEADER x1");
        assertThat(x2).isEqualTo("LEADER x1");
        // lease + poll after the last renewal, which was at most a renew interval before the
        // kill; plus the removal writes, a retry pause and a loaded machine.
        assertThat(took).isLessThan(LEASE.plus(POLL).plus(Timing.seconds(4)));
    }

    /** Found on the real cluster: a new member was answered LEADER x1, x1's instance dead for 40 s. */
    @Test
    void noAnswerNamesALeaderWhoseInstanceStoppedRenewing() throws Exception {
        InstanceProcess a = start("a", 1);
        InstanceProcess b = start("b", 2);
        assertThat(connect(a).join("named", "x1")).isEqualTo("LEADER x1");
        a.kill();
        Thread.sleep(LEASE.plus(POLL.multipliedBy(2)).toMillis()); // a's lease has run out
        assertThat(connect(b).join("named", "y")).isEqualTo("LEADER y");
    }

    /** The same, for an instance that started after the other died and never saw it alive. */
    @Test
    void anInstanceStartedAfterAnotherDiedDoesNotNameItsMembers() {
        InstanceProcess a = start("a", 1);
        assertThat(connect(a).join("late", "x1")).isEqualTo("LEADER x1");
        a.kill();
        InstanceProcess c = start("c", 3);
        assertThat(connect(c).join("late", "y")).isEqualTo("LEADER y");
    }

    /** Joins as a client that tries again a second after each NAME_IN_USE; the first other answer. */
    private String joinRetryingNameInUse(InstanceProcess instance, String group, String client) {
        long deadline = System.nanoTime() + Timing.patience().toNanos();
        while (true) {
            LineClient connection = connect(instance);
            String answer = connection.join(group, client);
            if (!answer.equals("JOIN_FAILED NAME_IN_USE") || System.nanoTime() - deadline > 0) {
                return answer;
            }
            connection.close();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answer;
            }
        }
    }
}

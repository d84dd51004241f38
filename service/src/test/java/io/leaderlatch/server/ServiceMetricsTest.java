package io.leaderlatch.server;

import io.leaderlatch.metrics.MeterNames;
import io.leaderlatch.store.embedded.EmbeddedStore;
import io.leaderlatch.testing.LineClient;
import io.leaderlatch.testing.service.TestService;
import io.leaderlatch.testing.Timing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.leaderlatch.metrics.MeterNames.TAG_LISTENER;
import static io.leaderlatch.metrics.MeterNames.TAG_REASON;
import static io.leaderlatch.metrics.MeterNames.TAG_RESULT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service's meters, read from an in-memory registry while real clients talk to it over TCP.
 *
 * <p>A session counts its answer before writing it, and the coordinator counts a leader change
 * before telling anyone, so once a client has read a reply its meters can be read directly.
 * Closing is asynchronous, and the failover timer is recorded just after the successor is told,
 * so those are awaited.
 */
class ServiceMetricsTest {

    private static final String INTERNAL = "internal";
    private static final String EXTERNAL = "external";
    private static final String[] RESULTS = {"leader", "follower", "already_joined", "failed"};
    private static final String[] CONFIRMATION_RESULTS = {"confirmed", "refused"};
    private static final String[] INVALID_REASONS = {"malformed", "too_long", "terms_after_join"};

    private final EmbeddedStore store = new EmbeddedStore(true);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TestService service;

    @BeforeEach
    void start() {
        service = TestService.start(store, store, registry, INTERNAL, EXTERNAL);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void everyMeterExistsFromTheStartAtZero() {
        for (String listener : new String[] {INTERNAL, EXTERNAL}) {
            assertThat(open(listener)).isZero();
            assertThat(accepted(listener)).isZero();
            for (String result : RESULTS) {
                assertThat(joins(listener, result)).as("%s %s", listener, result).isZero();
            }
            for (String result : CONFIRMATION_RESULTS) {
                assertThat(confirmations(listener, result)).as("%s %s", listener, result).isZero();
            }
            for (String reason : INVALID_REASONS) {
                assertThat(invalidLines(listener, reason)).as("%s %s", listener, reason).isZero();
            }
        }
        assertThat(leaderChanges()).isZero();
        assertThat(groups()).isZero();
        assertThat(members()).isZero();
        assertThat(failover().count()).isZero();
        assertThat(storeUnavailable()).isZero();
        assertThat(registry.get(MeterNames.LEASE_HELD).gauge().value()).isEqualTo(1.0);
        assertThat(registry.get(MeterNames.INSTANCES_LIVE).gauge().value()).isEqualTo(1.0);
        assertThat(registry.get(MeterNames.FENCED).counter().count()).isZero();
        assertThat(registry.get(MeterNames.INSTANCES_DECLARED_DEAD).counter().count()).isZero();
        assertThat(registry.get(MeterNames.HINTS_SENT).counter().count()).isZero();
        assertThat(registry.get(MeterNames.HINTS_RECEIVED).counter().count()).isZero();
        assertThat(registry.get(MeterNames.HINTS_DROPPED).counters()).map(counter -> counter.getId().getTag("reason"))
                .containsExactlyInAnyOrder("malformed", "over_limit", "unsent");
        // The instance registered itself before the listeners opened: its record and the index
        // of instances, one create each, written.
        assertThat(registry.get(MeterNames.STORE_REQUESTS).tags("operation", "create", "outcome", "written")
                .timer().count()).isEqualTo(2);
        // Per listener: open, accepted, one joins counter per result, one confirmations counter
        // per result, one invalid-lines counter per reason; then nine service-wide meters and five
        // of change hints (sent, received, dropped for each of three reasons).
        // Store request timers appear with their first request (renewals run on their own clock).
        List<Meter> fixed = registry.getMeters().stream()
                .filter(meter -> !meter.getId().getName().equals(MeterNames.STORE_REQUESTS)).toList();
        // Per listener also: three refused-connection counters (one per reason), join timeouts and
        // confirmation timeouts.
        assertThat(fixed).hasSize(2 * (2 + RESULTS.length + CONFIRMATION_RESULTS.length + INVALID_REASONS.length + 3 + 2)
                + 9 + 5);
        assertThat(fixed).map(meter -> meter.getId().getName()).containsOnly(
                MeterNames.CONNECTIONS_OPEN, MeterNames.CONNECTIONS_ACCEPTED, MeterNames.JOINS,
                MeterNames.CONFIRMATIONS, MeterNames.LINES_INVALID,
                MeterNames.CONNECTIONS_REFUSED, MeterNames.JOIN_TIMEOUTS, MeterNames.CONFIRMATION_TIMEOUTS,
                MeterNames.LEADER_CHANGES, MeterNames.GROUPS, MeterNames.MEMBERS, MeterNames.FAILOVER,
                MeterNames.STORE_UNAVAILABLE, MeterNames.LEASE_HELD,
                MeterNames.FENCED, MeterNames.INSTANCES_LIVE, MeterNames.INSTANCES_DECLARED_DEAD,
                MeterNames.HINTS_SENT, MeterNames.HINTS_RECEIVED, MeterNames.HINTS_DROPPED);
    }

    @Test
    void timersLeavePercentilesToTheRegistrySoThereIsOneSourceOfThem() {
        try (LineClient a = service.connect(INTERNAL); LineClient b = service.connect(INTERNAL)) {
            assertThat(a.join("g", "a")).isEqualTo("LEADER a");
            assertThat(b.join("g", "b")).isEqualTo("LEADER a");
            a.close();
            assertThat(b.readLine()).isEqualTo("LEADER b");
            eventually(() -> assertThat(failover().count()).isEqualTo(1));
        }
        // No percentiles computed beside the registry's own (the JMX timer's, Prometheus's
        // buckets): they would be a second, different median of the same timer.
        assertThat(registry.getMeters()).noneMatch(meter -> meter.getId().getName().endsWith(".percentile"));
        assertThat(registry.find(MeterNames.FAILOVER).meters()).singleElement().isInstanceOf(Timer.class);
        assertThat(registry.find(MeterNames.STORE_REQUESTS).timers()).isNotEmpty()
                .allSatisfy(timer -> assertThat(timer.takeSnapshot().percentileValues()).isEmpty());
        assertThat(failover().takeSnapshot().percentileValues()).isEmpty();
    }

    @Test
    void connectionsAreCountedPerListenerAsTheyOpenAndClose() {
        LineClient first = service.connect(INTERNAL);
        LineClient second = service.connect(INTERNAL);
        LineClient third = service.connect(EXTERNAL);
        // The service sees a connection a little after the client does.
        eventually(() -> {
            assertThat(open(INTERNAL)).isEqualTo(2);
            assertThat(open(EXTERNAL)).isEqualTo(1);
            assertThat(accepted(INTERNAL)).isEqualTo(2);
            assertThat(accepted(EXTERNAL)).isEqualTo(1);
        });

        first.close();
        eventually(() -> assertThat(open(INTERNAL)).isEqualTo(1));
        second.close();
        third.close();
        eventually(() -> {
            assertThat(open(INTERNAL)).isZero();
            assertThat(open(EXTERNAL)).isZero();
        });

        // A connection the service closes itself counts the same way.
        try (LineClient overLong = service.connect(EXTERNAL)) {
            overLong.send("x".repeat(2000));
            assertThat(overLong.readLine()).isEqualTo("ERROR");
            overLong.assertClosedByService();
        }
        eventually(() -> assertThat(open(EXTERNAL)).isZero());
        assertThat(accepted(INTERNAL)).isEqualTo(2);
        assertThat(accepted(EXTERNAL)).isEqualTo(2);
    }

    @Test
    void joinsAreCountedByListenerAndResult() {
        try (LineClient a = service.connect(INTERNAL);
             LineClient b = service.connect(INTERNAL);
             LineClient c = service.connect(EXTERNAL)) {
            assertThat(a.join("g", "a")).isEqualTo("LEADER a");
            assertThat(b.join("g", "b")).isEqualTo("LEADER a");
            assertThat(c.join("g", "c")).isEqualTo("LEADER a");
            // Another membership asked for on a member's connection: a JOIN, not a confirmation.
            assertThat(b.join("h", "b")).isEqualTo("ALREADY_JOINED g b");

            assertThat(joins(INTERNAL, "leader")).isEqualTo(1);
            assertThat(joins(INTERNAL, "follower")).isEqualTo(1);
            assertThat(joins(INTERNAL, "already_joined")).isEqualTo(1);
            assertThat(joins(INTERNAL, "failed")).isZero();
            assertThat(joins(EXTERNAL, "leader")).isZero();
            assertThat(joins(EXTERNAL, "follower")).isEqualTo(1);
            assertThat(joins(EXTERNAL, "already_joined")).isZero();
            assertThat(joins(EXTERNAL, "failed")).isZero();
            assertThat(confirmations(INTERNAL, "confirmed")).isZero();
        }
    }

    @Test
    void confirmationsAndBadLinesAreNotJoins() {
        try (LineClient a = service.connect(INTERNAL);
             LineClient b = service.connect(EXTERNAL);
             LineClient overLong = service.connect(EXTERNAL)) {
            assertThat(a.send("TERMS").readLine()).startsWith("TERMS ");
            assertThat(a.join("g", "a")).isEqualTo("LEADER a 1");
            // What the Java client sends while it leads: the same JOIN again, to confirm.
            assertThat(a.join("g", "a")).isEqualTo("ALREADY_JOINED g a");
            assertThat(a.join("g", "a")).isEqualTo("ALREADY_JOINED g a");
            assertThat(a.send("hello").readLine()).isEqualTo("ERROR");
            assertThat(a.send("TERMS").readLine()).isEqualTo("ERROR");
            assertThat(b.send("join g b").readLine()).isEqualTo("ERROR");
            assertThat(b.send("JOIN g").readLine()).isEqualTo("ERROR");
            overLong.send("x".repeat(2000));
            assertThat(overLong.readLine()).isEqualTo("ERROR");
            overLong.assertClosedByService();

            assertThat(allJoins(INTERNAL)).isEqualTo(1);
            assertThat(joins(INTERNAL, "leader")).isEqualTo(1);
            assertThat(allJoins(EXTERNAL)).isZero();
            assertThat(confirmations(INTERNAL, "confirmed")).isEqualTo(2);
            assertThat(confirmations(INTERNAL, "refused")).isZero();
            assertThat(invalidLines(INTERNAL, "malformed")).isEqualTo(1);
            assertThat(invalidLines(INTERNAL, "terms_after_join")).isEqualTo(1);
            assertThat(invalidLines(INTERNAL, "too_long")).isZero();
            assertThat(invalidLines(EXTERNAL, "malformed")).isEqualTo(2);
            assertThat(invalidLines(EXTERNAL, "too_long")).isEqualTo(1);
        }
    }

    @Test
    void failedJoinsAreCountedAndAnUnavailableStoreToo() {
        store.setAvailable(false);
        try (LineClient refused = service.connect(INTERNAL)) {
            assertThat(refused.join("g", "a")).isEqualTo("JOIN_FAILED SERVICE_UNAVAILABLE");
            refused.assertClosedByService();
        }
        assertThat(joins(INTERNAL, "failed")).isEqualTo(1);
        assertThat(storeUnavailable()).isEqualTo(1);

        store.setAvailable(true);
        try (LineClient a = service.connect(INTERNAL);
             LineClient duplicate = service.connect(EXTERNAL)) {
            assertThat(a.join("g", "a")).isEqualTo("LEADER a");
            assertThat(duplicate.join("g", "a")).isEqualTo("JOIN_FAILED NAME_IN_USE");
            duplicate.assertClosedByService();

            assertThat(joins(INTERNAL, "failed")).isEqualTo(1);
            assertThat(joins(EXTERNAL, "failed")).isEqualTo(1);
            assertThat(joins(INTERNAL, "leader")).isEqualTo(1);
            // A name in use is the service's answer, not the store's failure.
            assertThat(storeUnavailable()).isEqualTo(1);
            // Neither failed join ever made anyone leader.
            assertThat(leaderChanges()).isEqualTo(1);
            assertThat(members()).isEqualTo(1);
        }
    }

    @Test
    void leaderChangesAndFailoverAreRecorded() {
        try (LineClient a = service.connect(INTERNAL);
             LineClient b = service.connect(EXTERNAL);
             LineClient c = service.connect(INTERNAL)) {
            assertThat(a.join("g", "a")).isEqualTo("LEADER a");
            // A new group's first leader is a change; later members joining are not.
            assertThat(leaderChanges()).isEqualTo(1);
            assertThat(b.join("g", "b")).isEqualTo("LEADER a");
            assertThat(c.join("g", "c")).isEqualTo("LEADER a");
            assertThat(leaderChanges()).isEqualTo(1);
            assertThat(failover().count()).isZero();

            // A follower leaving changes nothing.
            c.close();
            eventually(() -> assertThat(members()).isEqualTo(2));
            assertThat(leaderChanges()).isEqualTo(1);

            a.close();
            assertThat(b.readLine()).isEqualTo("LEADER b");
            assertThat(leaderChanges()).isEqualTo(2);
            eventually(() -> assertThat(failover().count()).isEqualTo(1));
            assertThat(failover().totalTime(TimeUnit.NANOSECONDS)).isPositive();
        }
        // The last member leaving ends the group without naming a leader.
        eventually(() -> assertThat(groups()).isZero());
        assertThat(leaderChanges()).isEqualTo(2);
        assertThat(failover().count()).isEqualTo(1);
    }

    @Test
    void groupsAndMembersCountTheMembersOfThisInstance() {
        try (LineClient a = service.connect(INTERNAL);
             LineClient b = service.connect(INTERNAL);
             LineClient c = service.connect(EXTERNAL);
             LineClient idle = service.connect(EXTERNAL)) {
            assertThat(a.join("g", "a")).isEqualTo("LEADER a");
            assertThat(b.join("g", "b")).isEqualTo("LEADER a");
            assertThat(groups()).isEqualTo(1);
            assertThat(members()).isEqualTo(2);

            assertThat(c.join("h", "c")).isEqualTo("LEADER c");
            // A connection that has not joined is not a member.
            assertThat(idle.send("hello").readLine()).isEqualTo("ERROR");
            assertThat(groups()).isEqualTo(2);
            assertThat(members()).isEqualTo(3);

            c.close();
            eventually(() -> {
                assertThat(groups()).isEqualTo(1);
                assertThat(members()).isEqualTo(2);
            });
            a.close();
            eventually(() -> assertThat(members()).isEqualTo(1));
            assertThat(groups()).isEqualTo(1);
        }
        eventually(() -> {
            assertThat(groups()).isZero();
            assertThat(members()).isZero();
        });
    }

    // ---- reading the meters ----

    private double open(String listener) {
        return registry.get(MeterNames.CONNECTIONS_OPEN).tag(TAG_LISTENER, listener).gauge().value();
    }

    private double accepted(String listener) {
        return registry.get(MeterNames.CONNECTIONS_ACCEPTED).tag(TAG_LISTENER, listener).counter().count();
    }

    private double joins(String listener, String result) {
        return registry.get(MeterNames.JOINS).tag(TAG_LISTENER, listener).tag(TAG_RESULT, result).counter().count();
    }

    /** Every JOIN answered on {@code listener}, whatever the result. */
    private double allJoins(String listener) {
        return registry.find(MeterNames.JOINS).tag(TAG_LISTENER, listener).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private double confirmations(String listener, String result) {
        return registry.get(MeterNames.CONFIRMATIONS).tag(TAG_LISTENER, listener).tag(TAG_RESULT, result)
                .counter().count();
    }

    private double invalidLines(String listener, String reason) {
        return registry.get(MeterNames.LINES_INVALID).tag(TAG_LISTENER, listener).tag(TAG_REASON, reason)
                .counter().count();
    }

    private double leaderChanges() {
        return registry.get(MeterNames.LEADER_CHANGES).counter().count();
    }

    private double groups() {
        return registry.get(MeterNames.GROUPS).gauge().value();
    }

    private double members() {
        return registry.get(MeterNames.MEMBERS).gauge().value();
    }

    private Timer failover() {
        return registry.get(MeterNames.FAILOVER).timer();
    }

    private double storeUnavailable() {
        return registry.get(MeterNames.STORE_UNAVAILABLE).counter().count();
    }

    private static void eventually(Runnable assertion) {
        await().atMost(Timing.patience()).untilAsserted(assertion::run);
    }
}

package io.leaderlatch.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The confirmation rule on its own, with the clock readings chosen by the test. */
class LeadershipTest {

    private static final Duration WINDOW = Duration.ofSeconds(30);

    private final RecordingListener events = new RecordingListener();
    private final Leadership leadership = new Leadership("a", WINDOW, events, CallbackDispatcher.on(Runnable::run));

    @Test
    void beingNamedIsNotLeadingUntilAConfirmationSentAfterwardsIsAnswered() {
        long named = System.nanoTime();
        leadership.leaderIs("a", OptionalLong.empty(), named);
        assertThat(leadership.isLeader()).isFalse();
        leadership.confirmedAt(named - 1, named + 1);
        assertThat(leadership.isLeader()).as("a confirmation sent before LEADER <self>").isFalse();
        leadership.confirmedAt(named, named + 1);
        assertThat(leadership.isLeader()).isTrue();
        assertThat(events.events()).containsExactly("leader a", "gained");
    }

    @Test
    void leadershipEndsOneWindowAfterTheLastAnsweredConfirmationWasSent() {
        long named = System.nanoTime() - WINDOW.toNanos() * 2;
        leadership.leaderIs("a", OptionalLong.empty(), named);
        leadership.confirmedAt(named, named);
        assertThat(events.events()).containsExactly("leader a", "gained");
        // The window since that send has passed on the real clock: no longer leader, whatever came since.
        assertThat(leadership.isLeader()).isFalse();
        leadership.tick(System.nanoTime());
        assertThat(events.events()).containsExactly("leader a", "gained", "lost");
        leadership.confirmedAt(System.nanoTime(), System.nanoTime());
        assertThat(leadership.isLeader()).isTrue();
        assertThat(events.events()).containsExactly("leader a", "gained", "lost", "gained");
    }

    @Test
    void theTermOfALeadershipIsKnownWhileItLeadsAndReportedWithIt() {
        long now = System.nanoTime();
        leadership.leaderIs("a", OptionalLong.of(7), now);
        assertThat(leadership.term()).as("named, not yet confirmed").isEmpty();
        leadership.confirmedAt(now, now);
        assertThat(leadership.term()).hasValue(7);
        leadership.leaderIs("b", OptionalLong.of(8), now + 1);
        assertThat(leadership.term()).isEmpty();
    }

    @Test
    void aWindowLongerThanTheServicesFenceMarginIsCutToIt() {
        long named = System.nanoTime() - Duration.ofMillis(300).toNanos();
        leadership.serviceFenceMargin(Duration.ofMillis(200));
        leadership.leaderIs("a", OptionalLong.empty(), named);
        leadership.confirmedAt(named, named);
        // Sent 300 ms ago: within the configured window, past the service's 200 ms margin.
        assertThat(leadership.isLeader()).isFalse();
    }

    @Test
    void anotherLeaderOrALostConnectionEndsItAtOnce() {
        long now = System.nanoTime();
        leadership.leaderIs("a", OptionalLong.empty(), now);
        leadership.confirmedAt(now, now);
        leadership.leaderIs("b", OptionalLong.empty(), now);
        assertThat(leadership.isLeader()).isFalse();
        leadership.leaderIs("a", OptionalLong.empty(), now + 1);
        leadership.confirmedAt(now + 1, now + 1);
        leadership.disconnected();
        assertThat(leadership.isLeader()).isFalse();
        assertThat(leadership.leader()).isEmpty();
        assertThat(events.events()).containsExactly("leader a", "gained", "lost", "leader b", "leader a", "gained", "lost",
                "leader none");
    }
}

package io.leaderlatch.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The confirmation rule on its own, with the clock readings chosen by the test. */
class LeadershipTest {

    private static final Duration WINDOW = Duration.ofSeconds(30);

    private final RecordingListener events = new RecordingListener();
    private final Leadership leadership = new Leadership("a", WINDOW, events, CallbackDispatcher.on(Runnable::run));

    @Test
    void beingNamedIsNotLeadingUntilAConfirmationSentAfterwardsIsAnswered() {
        long named = System.nanoTime();
        leadership.leaderIs("a", named);
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
        leadership.leaderIs("a", named);
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
    void anotherLeaderOrALostConnectionEndsItAtOnce() {
        long now = System.nanoTime();
        leadership.leaderIs("a", now);
        leadership.confirmedAt(now, now);
        leadership.leaderIs("b", now);
        assertThat(leadership.isLeader()).isFalse();
        leadership.leaderIs("a", now + 1);
        leadership.confirmedAt(now + 1, now + 1);
        leadership.disconnected();
        assertThat(leadership.isLeader()).isFalse();
        assertThat(leadership.leader()).isEmpty();
        assertThat(events.events()).containsExactly("leader a", "gained", "lost", "leader b", "leader a", "gained", "lost",
                "leader none");
    }
}

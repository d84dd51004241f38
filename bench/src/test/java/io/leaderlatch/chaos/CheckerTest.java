package io.leaderlatch.chaos;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks on histories written by hand, times in milliseconds. */
class CheckerTest {

    private static final Duration WINDOW = Duration.ofMillis(1000);
    private final History history = new History();
    private final Checker checker = new Checker(WINDOW);

    private void at(long millis, String client, Entry.Kind kind, String detail) {
        history.record(new Entry(millis * 1_000_000, client, kind, detail));
    }

    private Checker.Result check(long endMillis) {
        return checker.check(history, endMillis * 1_000_000);
    }

    @Test
    void aHandOverAfterTheConnectionClosedIsNoViolation() {
        history.place("a", "g", 0);
        history.place("b", "g", 1);
        at(0, "a", Entry.Kind.LINE, "LEADER a");
        at(10, "b", Entry.Kind.LINE, "LEADER a");
        at(100, "a", Entry.Kind.CLOSING, "close");
        at(150, "b", Entry.Kind.LINE, "LEADER b");

        Checker.Result result = check(1000);

        assertThat(result.violations()).isEmpty();
        assertThat(result.leaderships()).isEqualTo(2);
    }

    @Test
    void twoLeadersAtOnceAreReportedWithTheHistoryAroundThem() {
        history.place("a", "g", 0);
        history.place("b", "g", 1);
        history.place("c", "other", 1);
        at(0, "a", Entry.Kind.LINE, "LEADER a");
        at(50, "b", Entry.Kind.LINE, "LEADER b");
        at(60, "c", Entry.Kind.LINE, "LEADER c");
        at(120, "a", Entry.Kind.LINE, "LEADER b");

        List<Violation> violations = check(1000).violations();

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("one-leader (strict)");
            assertThat(v.group()).isEqualTo("g");
            assertThat(v.what()).contains("both for 70 ms");
            assertThat(v.excerpt()).extracting(Entry::actor).containsExactly("a", "b", "a");
        });
    }

    @Test
    void linesReadAfterTheConnectionEndedDoNotCount() {
        history.place("a", "g", 0);
        history.place("b", "g", 1);
        at(0, "a", Entry.Kind.LINE, "LEADER a");
        at(100, "a", Entry.Kind.KILLED, "client process killed");
        at(105, "b", Entry.Kind.LINE, "LEADER b");
        at(110, "a", Entry.Kind.LINE, "LEADER a");

        assertThat(check(1000).violations()).isEmpty();
    }

    @Test
    void onAPausedInstanceOnlyConfirmedLeadershipCounts() {
        history.place("a", "g", 0);
        history.place("b", "g", 1);
        history.paused(0, 1_000_000_000L, 9_000_000_000L);
        at(0, "a", Entry.Kind.LINE, "LEADER a");
        at(500, "a", Entry.Kind.PROBE_SENT, "JOIN g a");
        at(510, "a", Entry.Kind.LINE, "ALREADY_JOINED g a");
        at(750, "a", Entry.Kind.PROBE_SENT, "JOIN g a"); // never answered: the instance is paused
        // b is elected after a's last confirmation ran out (500 + 1000 ms); a's socket stays open.
        at(6000, "b", Entry.Kind.LINE, "LEADER b");
        at(9100, "a", Entry.Kind.EOF, "by service");

        assertThat(check(10_000).violations()).isEmpty();
    }

    @Test
    void aConfirmationStillValidWhenAnotherIsElectedIsAViolation() {
        history.place("a", "g", 0);
        history.place("b", "g", 1);
        history.paused(0, 1_000_000_000L, 9_000_000_000L);
        at(0, "a", Entry.Kind.LINE, "LEADER a");
        at(500, "a", Entry.Kind.PROBE_SENT, "JOIN g a");
        at(510, "a", Entry.Kind.LINE, "ALREADY_JOINED g a");
        at(1200, "b", Entry.Kind.LINE, "LEADER b");

        assertThat(check(10_000).violations()).singleElement()
                .satisfies(v -> assertThat(v.rule()).isEqualTo("one-leader (lease-confirmed)"));
    }

    @Test
    void settledNeedsOneLeaderToldToAllAndARecordOfExactlyTheOpenMembers() {
        history.place("a", "g", 0);
        history.place("b", "g", 1);
        at(0, "a", Entry.Kind.LINE, "LEADER a");
        at(10, "b", Entry.Kind.LINE, "LEADER a");
        Map<String, List<String>> store = Map.of("g", List.of("a", "b"));

        assertThat(Settled.problem(history, store::get)).isEmpty();
        assertThat(Settled.problem(history, Map.of("g", List.of("a"))::get)).get()
                .satisfies(u -> assertThat(u.why()).contains("record [a]"));

        at(20, "a", Entry.Kind.EOF, "by service");
        assertThat(Settled.problem(history, Map.of("g", List.of("b"))::get)).get()
                .satisfies(u -> assertThat(u.why()).isEqualTo("b was last told a, the record's leader is b"));
        at(30, "b", Entry.Kind.LINE, "LEADER b");
        assertThat(Settled.problem(history, Map.of("g", List.of("b"))::get)).isEmpty();
    }
}

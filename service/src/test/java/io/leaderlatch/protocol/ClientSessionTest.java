package io.leaderlatch.protocol;

import io.leaderlatch.election.ElectionMember;
import io.leaderlatch.election.ElectionService;
import io.leaderlatch.election.JoinFailure;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.ignoreStubs;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

/**
 * {@link ClientSession} behind the real codec on an {@link EmbeddedChannel}; the test plays the
 * coordinator, through a mock of {@link ElectionService}. Callbacks are made from the test thread
 * and only take effect once {@link EmbeddedChannel#runPendingTasks()} runs them, as they would on
 * the channel's event loop.
 *
 * <p>Replies are compared as ISO-8859-1 strings, which map each byte to one char, so the
 * comparison is byte for byte.
 */
class ClientSessionTest {

    private static final String LISTENER = "internal";
    private static final int MAX_LINE = ProtocolLimits.MAX_LINE_LENGTH;
    private static final String LONGEST_NAME = "n".repeat(ProtocolLimits.MAX_NAME_LENGTH);
    private static final String NAME_TOO_LONG = "n".repeat(ProtocolLimits.MAX_NAME_LENGTH + 1);

    private final ElectionService coordinator = mock(ElectionService.class);
    private final RecordingObserver observer = new RecordingObserver();
    private EmbeddedChannel ch;

    @BeforeEach
    void setUp() throws Exception {
        // Registered only once the pipeline is complete, so the session sees channelActive.
        ch = new EmbeddedChannel(false, false);
        ProtocolPipeline.addCodec(ch.pipeline());
        ch.pipeline().addLast("session", new ClientSession(LISTENER, coordinator, observer, java.time.Duration.ofMinutes(5)));
        ch.register();
        when(coordinator.holdsLeaseNow()).thenReturn(true);
    }

    // ---- JOIN and its answer ----

    static Stream<Arguments> joinLines() {
        return Stream.of(
                arguments("JOIN g a\n", "g", "a"),
                arguments("JOIN g a\r\n", "g", "a"),
                arguments("   JOIN   test_group    1   \r\n", "test_group", "1"),
                arguments("JOIN spark spark-master@10.0.0.1:7077\n", "spark", "spark-master@10.0.0.1:7077"),
                arguments("JOIN " + LONGEST_NAME + " " + LONGEST_NAME + "\n", LONGEST_NAME, LONGEST_NAME),
                arguments(lineOfLength(MAX_LINE) + "\n", "g", "a"));
    }

    @ParameterizedTest
    @MethodSource("joinLines")
    void joinAsksTheCoordinatorAndWaitsForItsAnswer(String line, String group, String client) {
        send(line);

        ElectionMember member = joinCalled(group, client);
        assertThat(replies()).isEmpty();
        assertThat(ch.config().isAutoRead()).isFalse();

        member.joined(client, 1);
        // The callback is handed to the event loop; nothing happens on the calling thread.
        assertThat(replies()).isEmpty();
        ch.runPendingTasks();

        assertThat(replies()).containsExactly("LEADER " + client + "\n");
        assertThat(ch.config().isAutoRead()).isTrue();
        assertThat(observer.events).containsExactly("opened internal", "internal LEADER");
        verifyNoMoreInteractions(ignoreStubs(coordinator));
        assertThat(ch.finish()).isFalse();
    }

    static Stream<Arguments> joinOutcomes() {
        return Stream.of(
                arguments("a", JoinResult.LEADER),
                arguments("b", JoinResult.FOLLOWER),
                // Names are compared byte for byte.
                arguments("A", JoinResult.FOLLOWER));
    }

    @ParameterizedTest
    @MethodSource("joinOutcomes")
    void joinedNamesTheLeaderAndCountsLeaderOrFollower(String leader, JoinResult expected) {
        ElectionMember member = sendJoin("g", "a");

        play(() -> member.joined(leader, 1));

        assertThat(replies()).containsExactly("LEADER " + leader + "\n");
        assertThat(observer.events).containsExactly("opened internal", "internal " + expected);
        assertThat(ch.isOpen()).isTrue();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void laterLeaderChangesArePushedWithoutCountingAsAnswers() {
        ElectionMember member = sendJoin("g", "b");
        play(() -> member.joined("a", 1));
        assertThat(replies()).containsExactly("LEADER a\n");

        play(() -> member.leaderChanged("b", 2));
        assertThat(replies()).containsExactly("LEADER b\n");
        play(() -> member.leaderChanged("c", 2));
        assertThat(replies()).containsExactly("LEADER c\n");

        assertThat(observer.events).containsExactly("opened internal", "internal FOLLOWER");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void aLeaderChangeBeforeTheJoinIsAnsweredIsNotWritten() {
        ElectionMember member = sendJoin("g", "x");

        play(() -> member.leaderChanged("y", 2));
        assertThat(replies()).isEmpty();

        play(() -> member.joined("x", 1));
        assertThat(replies()).containsExactly("LEADER x\n");
        assertThat(observer.events).containsExactly("opened internal", "internal LEADER");
        assertThat(ch.finish()).isFalse();
    }

    // ---- TERMS ----

    @Test
    void termsBeforeTheJoinTellsTheFenceMarginAndPutsTheTermOnEveryLeaderLine() {
        when(coordinator.confirmationWindow()).thenReturn(java.time.Duration.ofMillis(2000));
        send("TERMS\n");
        assertThat(replies()).containsExactly("TERMS 2000\n");

        ElectionMember member = sendJoin("g", "b");
        play(() -> member.joined("a", 7));
        assertThat(replies()).containsExactly("LEADER a 7\n");
        play(() -> member.leaderChanged("b", 9));
        assertThat(replies()).containsExactly("LEADER b 9\n");
        // Only JOIN answers count as answers.
        assertThat(observer.events).containsExactly("opened internal", "internal FOLLOWER");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void withoutTermsTheLinesAreTheSeedsByteForByte() {
        ElectionMember member = sendJoin("g", "b");
        play(() -> member.joined("a", 7));
        play(() -> member.leaderChanged("b", 9));
        assertThat(replies()).containsExactly("LEADER a\n", "LEADER b\n");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void termsAfterTheJoinIsAnError() {
        ElectionMember member = sendJoin("g", "a");
        play(() -> member.joined("a", 1));
        replies();
        send("TERMS\n");
        assertThat(replies()).containsExactly("ERROR\n");
        play(() -> member.leaderChanged("b", 2));
        assertThat(replies()).containsExactly("LEADER b\n");
        assertThat(ch.isOpen()).isTrue();
        assertThat(observer.events).containsExactly("opened internal", "internal LEADER", "internal TERMS_AFTER_JOIN");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void termsWithAWordIsAnInvalidLine() {
        send("TERMS please\n");
        assertThat(replies()).containsExactly("ERROR\n");
        assertThat(ch.finish()).isFalse();
    }

    // ---- members held to confirming ----

    @Test
    void aMemberThatAskedForTermsAndConfirmedIsDroppedAfterTwiceTheMarginWithoutAConfirmation() throws Exception {
        when(coordinator.confirmationWindow()).thenReturn(java.time.Duration.ofMillis(300));
        send("TERMS\n");
        ElectionMember member = sendJoin("g", "a");
        play(() -> member.joined("a", 3));
        send("JOIN g a\n");
        assertThat(replies()).containsExactly("TERMS 300\n", "LEADER a 3\n", "ALREADY_JOINED g a\n");

        Thread.sleep(350);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).as("silent for more than one margin, less than two").isTrue();

        Thread.sleep(300);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).as("silent for more than two margins").isFalse();
        assertThat(replies()).isEmpty();
        verify(coordinator).leave(member);
        assertThat(observer.events).containsSubsequence("internal CONFIRMED", "confirmation timeout internal",
                "closed internal");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void aMemberThatKeepsConfirmingWithinTwiceTheMarginStays() throws Exception {
        when(coordinator.confirmationWindow()).thenReturn(java.time.Duration.ofMillis(200));
        send("TERMS\n");
        ElectionMember member = sendJoin("g", "a");
        play(() -> member.joined("a", 3));
        long until = System.nanoTime() + 800_000_000L;
        while (System.nanoTime() < until) {
            send("JOIN g a\n");
            Thread.sleep(100);
            ch.runScheduledPendingTasks();
            assertThat(ch.isOpen()).isTrue();
        }
        verify(coordinator, never()).leave(member);
        replies();
        assertThat(ch.finish()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aMemberIsNotHeldToConfirmingWithoutTermsOrBeforeItsFirstConfirmation(boolean terms) throws Exception {
        when(coordinator.confirmationWindow()).thenReturn(java.time.Duration.ofMillis(50));
        if (terms) {
            send("TERMS\n");
        }
        ElectionMember member = sendJoin("g", "a");
        play(() -> member.joined("a", 3));
        if (!terms) {
            send("JOIN g a\n");
        }
        Thread.sleep(250);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isTrue();
        verify(coordinator, never()).leave(member);
        replies();
        assertThat(ch.finish()).isFalse();
    }

    // ---- a second JOIN ----

    @Test
    void aSecondJoinIsLeftUnansweredAndTheConnectionClosedWhenTheLeaseIsNotHeldAtThatMoment() {
        ElectionMember member = sendJoin("g", "a");
        play(() -> member.joined("a", 1));
        assertThat(replies()).containsExactly("LEADER a\n");
        // The coordinator has not fenced yet (no eviction), but the lease has run out.
        when(coordinator.holdsLeaseNow()).thenReturn(false);

        send("JOIN g a\nJOIN g a\n");

        assertThat(replies()).isEmpty();
        assertThat(ch.isOpen()).isFalse();
        verify(coordinator).leave(member);
        // Counted once: nothing after the close is read.
        assertThat(observer.events).containsExactly("opened internal", "internal LEADER", "internal REFUSED",
                "closed internal");
        assertThat(ch.finish()).isFalse();
    }

    static Stream<Arguments> secondJoins() {
        return Stream.of(
                // The member's own JOIN again: a confirmation, not a join.
                arguments("JOIN g a\n", "internal CONFIRMED"),
                arguments("JOIN g b\n", "internal ALREADY_JOINED"),
                arguments("JOIN other a\n", "internal ALREADY_JOINED"),
                arguments("JOIN other b\r\n", "internal ALREADY_JOINED"));
    }

    @ParameterizedTest
    @MethodSource("secondJoins")
    void aSecondJoinNamesTheMembershipAlreadyHeld(String second, String counted) {
        ElectionMember member = sendJoin("g", "a");
        play(() -> member.joined("a", 1));
        assertThat(replies()).containsExactly("LEADER a\n");

        send(second);

        assertThat(replies()).containsExactly("ALREADY_JOINED g a\n");
        assertThat(observer.events).containsExactly("opened internal", "internal LEADER", counted);
        verifyNoMoreInteractions(ignoreStubs(coordinator));
        assertThat(ch.isOpen()).isTrue();
        assertThat(ch.finish()).isFalse();
    }

    // ---- bad lines ----

    static Stream<Arguments> badLines() {
        return Stream.of(
                bad("unknown word", "HELLO\n"),
                bad("lower-case join", "join g a\n"),
                bad("mixed-case join", "Join g a\r\n"),
                bad("JOIN without names", "JOIN\n"),
                bad("JOIN with one name", "JOIN g\n"),
                bad("JOIN with three names", "JOIN g a b\n"),
                bad("tab between words", "JOIN\tg a\n"),
                bad("tab at the end", "JOIN g a\t\n"),
                bad("NUL in a name", "JOIN g a\0b\n"),
                bad("CR inside the line", "JOIN g\ra\n"),
                bad("DEL", "JOIN g a\u007f\n"),
                bad("Latin-1 byte 0xE9", "JOIN g caf\u00e9\n"),
                arguments(named("UTF-8 name", "JOIN g caf\u00e9\n".getBytes(UTF_8))),
                bad("group name of 257 bytes", "JOIN " + NAME_TOO_LONG + " a\n"),
                bad("client name of 257 bytes", "JOIN g " + NAME_TOO_LONG + "\n"));
    }

    @ParameterizedTest
    @MethodSource("badLines")
    void aBadLineBeforeJoiningIsAnsweredErrorAndTheConnectionStaysOpen(byte[] line) {
        send(line);

        assertThat(replies()).containsExactly("ERROR\n");
        assertThat(ch.isOpen()).isTrue();
        assertThat(observer.events).containsExactly("opened internal", "internal MALFORMED");
        verifyNoInteractions(coordinator);

        // The connection can still join.
        sendJoin("g", "a");
        assertThat(ch.finish()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("badLines")
    void aBadLineAfterJoiningIsAnsweredErrorAndChangesNothing(byte[] line) {
        ElectionMember member = sendJoin("g", "a");
        play(() -> member.joined("a", 1));
        assertThat(replies()).containsExactly("LEADER a\n");

        send(line);

        assertThat(replies()).containsExactly("ERROR\n");
        assertThat(ch.isOpen()).isTrue();
        send("JOIN g a\n");
        assertThat(replies()).containsExactly("ALREADY_JOINED g a\n");
        assertThat(observer.events).containsExactly(
                "opened internal", "internal LEADER", "internal MALFORMED", "internal CONFIRMED");
        verifyNoMoreInteractions(ignoreStubs(coordinator));
        assertThat(ch.finish()).isFalse();
    }

    static Stream<Arguments> overLongLines() {
        return Stream.of(
                arguments(named("1025 bytes and \\n", lineOfLength(MAX_LINE + 1) + "\n")),
                arguments(named("1025 bytes and \\r\\n", lineOfLength(MAX_LINE + 1) + "\r\n")),
                arguments(named("5000 bytes, not yet ended", "x".repeat(5000))),
                arguments(named("followed by a valid JOIN", lineOfLength(MAX_LINE + 1) + "\nJOIN g b\n")));
    }

    @ParameterizedTest
    @MethodSource("overLongLines")
    void anOverLongLineBeforeJoiningIsAnsweredErrorThenTheConnectionIsClosed(String line) {
        send(line);

        assertThat(replies()).containsExactly("ERROR\n");
        assertThat(ch.isOpen()).isFalse();
        assertThat(observer.events).containsExactly("opened internal", "internal TOO_LONG", "closed internal");
        verifyNoInteractions(coordinator);
        assertThat(ch.finish()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("overLongLines")
    void anOverLongLineAfterJoiningClosesTheConnectionAndEndsTheMembership(String line) {
        ElectionMember member = sendJoin("g", "a");
        play(() -> member.joined("a", 1));
        assertThat(replies()).containsExactly("LEADER a\n");

        send(line);

        assertThat(replies()).containsExactly("ERROR\n");
        assertThat(ch.isOpen()).isFalse();
        verify(coordinator).leave(member);
        verifyNoMoreInteractions(ignoreStubs(coordinator));
        assertThat(observer.events).containsExactly(
                "opened internal", "internal LEADER", "internal TOO_LONG", "closed internal");
        assertThat(ch.finish()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "   \n", " \r\n", "\n\n\r\n"})
    void blankLinesAreNotAnswered(String blank) {
        send(blank);
        assertThat(replies()).isEmpty();

        ElectionMember member = sendJoin("g", "a");
        play(() -> member.joined("a", 1));
        assertThat(replies()).containsExactly("LEADER a\n");
        send(blank);
        assertThat(replies()).isEmpty();

        assertThat(observer.events).containsExactly("opened internal", "internal LEADER");
        verifyNoMoreInteractions(ignoreStubs(coordinator));
        assertThat(ch.finish()).isFalse();
    }

    // ---- lines that arrive while a JOIN is pending ----

    @Test
    void linesSentBehindAJoinAreAnsweredAfterItInOrder() {
        send("JOIN g a\nJOIN g b\nbad\n");

        ElectionMember member = joinCalled("g", "a");
        verifyNoMoreInteractions(ignoreStubs(coordinator));
        assertThat(replies()).isEmpty();
        assertThat(ch.config().isAutoRead()).isFalse();

        play(() -> member.joined("a", 1));

        assertThat(replies()).containsExactly("LEADER a\n", "ALREADY_JOINED g a\n", "ERROR\n");
        assertThat(ch.config().isAutoRead()).isTrue();
        assertThat(ch.isOpen()).isTrue();
        assertThat(observer.events).containsExactly(
                "opened internal", "internal LEADER", "internal ALREADY_JOINED", "internal MALFORMED");
        verifyNoMoreInteractions(ignoreStubs(coordinator));
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void anOverLongLineBehindAJoinIsAnsweredAfterItThenCloses() {
        send("JOIN g a\n" + lineOfLength(MAX_LINE + 1) + "\nJOIN g b\n");
        ElectionMember member = joinCalled("g", "a");

        play(() -> member.joined("a", 1));

        assertThat(replies()).containsExactly("LEADER a\n", "ERROR\n");
        assertThat(ch.isOpen()).isFalse();
        verify(coordinator).leave(member);
        verifyNoMoreInteractions(ignoreStubs(coordinator));
        assertThat(ch.finish()).isFalse();
    }

    // ---- a JOIN that fails ----

    static Stream<Arguments> joinFailures() {
        return Stream.of(
                arguments(JoinFailure.STORE_UNAVAILABLE, "JOIN_FAILED SERVICE_UNAVAILABLE\n"),
                arguments(JoinFailure.NAME_IN_USE, "JOIN_FAILED NAME_IN_USE\n"));
    }

    @ParameterizedTest
    @MethodSource("joinFailures")
    void aFailedJoinIsAnsweredThenClosedAndLinesBehindItAreDropped(JoinFailure failure, String expected) {
        send("JOIN g a\nJOIN g b\nbad\n");
        ElectionMember member = joinCalled("g", "a");

        play(() -> member.joinFailed(failure));

        assertThat(replies()).containsExactly(expected);
        assertThat(ch.isOpen()).isFalse();
        assertThat(observer.events).containsExactly("opened internal", "internal FAILED", "closed internal");
        // The session cannot tell whether the coordinator still holds it; leaving is harmless either way.
        verify(coordinator).leave(member);
        verifyNoMoreInteractions(ignoreStubs(coordinator));

        play(() -> member.joined("a", 1));
        assertThat(replies()).isEmpty();
        assertThat(ch.finish()).isFalse();
    }

    // ---- closing ----

    @Test
    void closingWhileAJoinIsPendingLeavesOnceAndIgnoresTheLateAnswer() {
        ElectionMember member = sendJoin("g", "a");

        ch.close();
        ch.close();

        verify(coordinator).leave(member);
        play(() -> member.joined("a", 1));
        play(() -> member.leaderChanged("b", 2));
        play(() -> member.joinFailed(JoinFailure.NAME_IN_USE));
        assertThat(replies()).isEmpty();
        assertThat(observer.events).containsExactly("opened internal", "closed internal");
        verifyNoMoreInteractions(ignoreStubs(coordinator));
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void closingAJoinedConnectionLeavesOnceAndIgnoresLaterChanges() {
        ElectionMember member = sendJoin("g", "a");
        play(() -> member.joined("a", 1));
        assertThat(replies()).containsExactly("LEADER a\n");

        ch.close();
        ch.close();

        verify(coordinator).leave(member);
        play(() -> member.leaderChanged("b", 2));
        assertThat(replies()).isEmpty();
        assertThat(observer.events).containsExactly("opened internal", "internal LEADER", "closed internal");
        verifyNoMoreInteractions(ignoreStubs(coordinator));
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void aSecondJoinIsNotConfirmedOnceEvictedEvenBeforeTheCloseHasRun() {
        ElectionMember member = sendJoin("g", "a");
        play(() -> member.joined("a", 1));
        assertThat(replies()).containsExactly("LEADER a\n");

        // The coordinator evicts (its lease was lost, then renewed under a new incarnation, so the
        // lease is held again); the repeated JOIN is read before the eviction's close has run.
        member.evicted();
        send("JOIN g a\n");

        assertThat(replies()).isEmpty();
        assertThat(ch.isOpen()).isFalse();
        verify(coordinator).leave(member);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void anEvictedMemberIsClosedWithoutAReplyAndThenLeaves() {
        ElectionMember member = sendJoin("g", "a");
        play(() -> member.joined("a", 1));
        assertThat(replies()).containsExactly("LEADER a\n");

        play(member::evicted);

        assertThat(ch.isOpen()).isFalse();
        assertThat(replies()).isEmpty();
        verify(coordinator).leave(member);
        play(() -> member.leaderChanged("b", 2));
        assertThat(replies()).isEmpty();
        verifyNoMoreInteractions(ignoreStubs(coordinator));
    }

    @Test
    void closingWithoutAJoinNeverLeaves() {
        send("HELLO\n");
        assertThat(replies()).containsExactly("ERROR\n");

        ch.close();

        verifyNoInteractions(coordinator);
        assertThat(observer.events).containsExactly("opened internal", "internal MALFORMED", "closed internal");
        assertThat(ch.finish()).isFalse();
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments(named("I/O error", new IOException("Connection reset by peer"))),
                arguments(named("unexpected error", new IllegalStateException("boom"))));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void anErrorClosesTheConnectionAndEndsTheMembership(Throwable error) {
        ElectionMember member = sendJoin("g", "a");
        play(() -> member.joined("a", 1));
        assertThat(replies()).containsExactly("LEADER a\n");

        ch.pipeline().fireExceptionCaught(error);

        assertThat(ch.isOpen()).isFalse();
        assertThat(replies()).isEmpty();
        verify(coordinator).leave(member);
        verifyNoMoreInteractions(ignoreStubs(coordinator));
        assertThat(observer.events).containsExactly("opened internal", "internal LEADER", "closed internal");
        assertThat(ch.finish()).isFalse();
    }

    // ---- helpers ----

    private static Arguments bad(String name, String line) {
        return arguments(named(name, line.getBytes(ISO_8859_1)));
    }

    /** {@code JOIN g a} padded with trailing spaces to exactly {@code length} bytes. */
    private static String lineOfLength(int length) {
        String command = "JOIN g a";
        return command + " ".repeat(length - command.length());
    }

    private void send(String text) {
        send(text.getBytes(ISO_8859_1));
    }

    private void send(byte[] bytes) {
        ch.writeInbound(Unpooled.wrappedBuffer(bytes));
    }

    /** Sends a JOIN and returns the member the session handed to the coordinator. */
    private ElectionMember sendJoin(String group, String client) {
        send("JOIN " + group + " " + client + "\n");
        return joinCalled(group, client);
    }

    private ElectionMember joinCalled(String group, String client) {
        ArgumentCaptor<ElectionMember> member = ArgumentCaptor.forClass(ElectionMember.class);
        verify(coordinator).join(eq(group), eq(client), member.capture());
        verify(coordinator).join(anyString(), anyString(), any());
        return member.getValue();
    }

    /** Makes a coordinator callback and lets the channel's event loop run it. */
    private void play(Runnable callback) {
        callback.run();
        ch.runPendingTasks();
    }

    /** Every reply written since the last call, one string per reply; releases the buffers. */
    private List<String> replies() {
        List<String> replies = new ArrayList<>();
        for (ByteBuf buf = ch.readOutbound(); buf != null; buf = ch.readOutbound()) {
            try {
                replies.add(new String(ByteBufUtil.getBytes(buf), ISO_8859_1));
            } finally {
                buf.release();
            }
        }
        return replies;
    }

    /** What the session reports, in order: {@code opened L}, {@code closed L}, or {@code L RESULT} (or REASON). */
    private static final class RecordingObserver implements SessionObserver {

        final List<String> events = new ArrayList<>();

        @Override
        public void connectionOpened(String listener) {
            events.add("opened " + listener);
        }

        @Override
        public void connectionClosed(String listener) {
            events.add("closed " + listener);
        }

        @Override
        public void answered(String listener, JoinResult result) {
            events.add(listener + " " + result);
        }

        @Override
        public void confirmation(String listener, ConfirmationResult result) {
            events.add(listener + " " + result);
        }

        @Override
        public void invalidLine(String listener, InvalidLine reason) {
            events.add(listener + " " + reason);
        }

        @Override
        public void confirmationTimedOut(String listener) {
            events.add("confirmation timeout " + listener);
        }
    }
}

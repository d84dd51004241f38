package io.leaderlatch.election;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A group's local members change only through {@link GroupState}'s own methods. */
class GroupStateTest {

    private final GroupState state = new GroupState("g");

    private static LocalMember member(long connection) {
        GroupMember entry = new GroupMember(new MemberId("test/1", connection), "c" + connection, 0);
        return new LocalMember(new RecordingMember(), entry, "g", 0);
    }

    @Test
    void localMembersAreKeptInJoinOrderAndTheLastToLeaveEmptiesTheGroup() {
        LocalMember a = member(1);
        LocalMember b = member(2);
        assertThat(state.hasLocals()).isFalse();

        state.add(a);
        state.add(b);
        assertThat(state.hasLocals()).isTrue();
        assertThat(state.locals()).containsExactly(a, b);

        assertThat(state.remove(a)).isTrue();
        assertThat(state.remove(a)).as("already gone").isFalse();
        assertThat(state.remove(b)).isTrue();
        assertThat(state.hasLocals()).isFalse();
    }

    @Test
    void theLocalMembersCannotBeChangedFromOutside() {
        state.add(member(1));
        assertThatThrownBy(() -> state.locals().add(member(2))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> state.locals().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}

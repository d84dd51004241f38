package io.leaderlatch.load;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The check every load phase ends with must catch each way a member can be told wrong. */
class GroupCheckTest {

    private static GroupCheck.Seen told(String name, String leader) {
        return new GroupCheck.Seen(name, Optional.of(leader), Optional.empty());
    }

    @Test
    void aGroupWhoseMembersAllNameTheFirstMemberPasses() {
        Map<String, List<GroupCheck.Seen>> groups = Map.of("g", List.of(told("a", "a"), told("b", "a"), told("c", "a")));

        assertThat(GroupCheck.errors(groups, true)).isEmpty();
        assertThat(GroupCheck.errors(groups, false)).isEmpty();
    }

    @Test
    void membersThatDisagreeFail() {
        Map<String, List<GroupCheck.Seen>> groups = Map.of("g", List.of(told("a", "a"), told("b", "b")));

        assertThat(GroupCheck.errors(groups, false)).singleElement().asString().startsWith("g: its 2 members name");
    }

    @Test
    void aLeaderThatIsNotAMemberFails() {
        Map<String, List<GroupCheck.Seen>> groups = Map.of("g", List.of(told("b", "gone"), told("c", "gone")));

        assertThat(GroupCheck.errors(groups, false)).hasSize(1);
    }

    @Test
    void aLaterMemberLeadingFailsWhereTheFirstMustLead() {
        Map<String, List<GroupCheck.Seen>> groups = Map.of("g", List.of(told("a", "b"), told("b", "b")));

        assertThat(GroupCheck.errors(groups, false)).isEmpty();
        assertThat(GroupCheck.errors(groups, true)).singleElement().asString().contains("not all a (the first to join)");
    }

    @Test
    void aMemberNeverAnsweredOrCutOffFails() {
        Map<String, List<GroupCheck.Seen>> groups = Map.of("g", List.of(told("a", "a"),
                new GroupCheck.Seen("b", Optional.empty(), Optional.of("no answer to its JOIN")),
                new GroupCheck.Seen("c", Optional.of("a"), Optional.of("the service closed the connection"))));

        assertThat(GroupCheck.errors(groups, true)).containsExactly("g/b: no answer to its JOIN",
                "g/c: the service closed the connection");
    }
}

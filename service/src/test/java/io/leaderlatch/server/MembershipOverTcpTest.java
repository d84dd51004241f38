package io.leaderlatch.server;

import io.leaderlatch.testing.ChildJvm;
import io.leaderlatch.testing.JoiningClient;
import io.leaderlatch.testing.LineClient;
import io.leaderlatch.testing.service.TestService;
import io.leaderlatch.testing.Timing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Membership over real connections: many members, many groups, several listeners, killed clients. */
class MembershipOverTcpTest {

    @Test
    void clientsOnDifferentListenersShareOneGroup() {
        try (TestService service = TestService.start("internal", "external");
             LineClient a = service.connect("internal");
             LineClient b = service.connect("external")) {
            assertThat(a.join("g", "a")).isEqualTo("LEADER a");
            assertThat(b.join("g", "b")).isEqualTo("LEADER a");
            a.close();
            assertThat(b.readLine()).isEqualTo("LEADER b");
        }
    }

    @Test
    void twoHundredMembersSeeEveryLeaderChangeInOrder() {
        int count = 200;
        try (TestService service = TestService.start()) {
            List<LineClient> members = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    LineClient member = service.connect();
                    members.add(member);
                    assertThat(member.join("big", "m" + i)).isEqualTo("LEADER m0");
                }
                for (int leader = 0; leader < count - 1; leader++) {
                    members.get(leader).close();
                    String expected = "LEADER m" + (leader + 1);
                    for (int i = leader + 1; i < count; i++) {
                        assertThat(members.get(i).readLine()).as("member m%d", i).isEqualTo(expected);
                    }
                }
            } finally {
                members.forEach(LineClient::close);
            }
        }
    }

    @Test
    void aKilledClientProcessLosesItsMembership(@TempDir Path dir) throws Exception {
        try (TestService service = TestService.start()) {
            Path log = dir.resolve("client.log");
            Process child = ChildJvm.start(JoiningClient.class, log, List.of(), "127.0.0.1",
                    Integer.toString(service.address().getPort()), "g", "doomed");
            try {
                await().atMost(Timing.patience()).until(() -> Files.exists(log)
                        && Files.readString(log).contains("LEADER doomed"));
                try (LineClient survivor = service.connect()) {
                    assertThat(survivor.join("g", "survivor")).isEqualTo("LEADER doomed");
                    child.destroyForcibly();
                    assertThat(child.waitFor(Timing.patience().toMillis(), TimeUnit.MILLISECONDS)).isTrue();
                    assertThat(survivor.readLine()).isEqualTo("LEADER survivor");
                }
            } finally {
                child.destroyForcibly();
            }
        }
    }

    @Test
    void aThousandGroupsAtOnce() {
        int groups = 1000;
        try (TestService service = TestService.start()) {
            List<LineClient> leaders = new ArrayList<>();
            List<LineClient> followers = new ArrayList<>();
            try {
                for (int g = 0; g < groups; g++) {
                    leaders.add(service.connect().send("JOIN g" + g + " leader" + g));
                }
                for (int g = 0; g < groups; g++) {
                    assertThat(leaders.get(g).readLine()).isEqualTo("LEADER leader" + g);
                }
                for (int g = 0; g < groups; g++) {
                    followers.add(service.connect().send("JOIN g" + g + " follower" + g));
                }
                for (int g = 0; g < groups; g++) {
                    assertThat(followers.get(g).readLine()).isEqualTo("LEADER leader" + g);
                }
                assertThat(service.server().coordinator().localGroupCount()).isEqualTo(groups);
                assertThat(service.server().coordinator().localMemberCount()).isEqualTo(2 * groups);

                leaders.forEach(LineClient::close);
                for (int g = 0; g < groups; g++) {
                    assertThat(followers.get(g).readLine()).isEqualTo("LEADER follower" + g);
                }
                followers.forEach(LineClient::close);
                await().atMost(Timing.patience()).untilAsserted(() ->
                        assertThat(service.server().coordinator().localGroupCount()).isZero());
            } finally {
                leaders.forEach(LineClient::close);
                followers.forEach(LineClient::close);
            }
        }
    }
}

package io.leaderlatch.server;

import io.leaderlatch.protocol.ProtocolLimits;
import io.leaderlatch.testing.LineClient;
import io.leaderlatch.testing.service.TestService;
import io.leaderlatch.testing.Timing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every reply of the protocol and every decision of docs/protocol.md, over a real connection. */
class ProtocolOverTcpTest {

    private final TestService service = TestService.start();

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void aSecondJoinNamesTheMembershipTheConnectionAlreadyHolds() {
        try (LineClient client = service.connect()) {
            assertThat(client.join("g", "a")).isEqualTo("LEADER a");
            assertThat(client.join("g", "b")).isEqualTo("ALREADY_JOINED g a");
            assertThat(client.join("other", "c")).isEqualTo("ALREADY_JOINED g a");
        }
        try (LineClient probe = service.connect()) {
            // Neither second attempt created a membership: "other" is new, c leads it.
            assertThat(probe.join("other", "c")).isEqualTo("LEADER c");
        }
    }

    @Test
    void badLinesGetErrorAndTheConnectionStaysUsable() {
        try (LineClient client = service.connect()) {
            for (String bad : new String[] {"HELLO", "join g a", "JOIN g", "JOIN g a b", "JOIN\tg\ta"}) {
                assertThat(client.send(bad).readLine()).as(bad).isEqualTo("ERROR");
            }
            assertThat(client.join("g", "a")).isEqualTo("LEADER a");
            assertThat(client.send("LEAVE").readLine()).isEqualTo("ERROR");
            assertThat(client.join("g", "a")).isEqualTo("ALREADY_JOINED g a");
        }
    }

    @Test
    void emptyLinesAndExtraSpacesAreTolerated() {
        try (LineClient client = service.connect()) {
            client.sendRaw("\r\n\n   \r\n");
            assertThat(client.send("  JOIN   g    a  ").readLine()).isEqualTo("LEADER a");
        }
    }

    @Test
    void bareNewlinesWorkAsWellAsCrLf() {
        try (LineClient client = service.connect()) {
            client.sendRaw("JOIN g a\n");
            assertThat(client.readRawLine()).isEqualTo("LEADER a\n");
        }
    }

    @Test
    void aLineOverTheCapGetsErrorAndTheConnectionIsClosed() {
        try (LineClient client = service.connect()) {
            client.send("JOIN g " + "x".repeat(ProtocolLimits.MAX_LINE_LENGTH));
            assertThat(client.readLine()).isEqualTo("ERROR");
            client.assertClosedByService();
        }
    }

    @Test
    void aJoinedMemberSendingAnOverlongLineLosesItsMembership() {
        try (LineClient leader = service.connect(); LineClient follower = service.connect()) {
            assertThat(leader.join("g", "a")).isEqualTo("LEADER a");
            assertThat(follower.join("g", "b")).isEqualTo("LEADER a");
            leader.send("x".repeat(ProtocolLimits.MAX_LINE_LENGTH + 1));
            assertThat(leader.readLine()).isEqualTo("ERROR");
            leader.assertClosedByService();
            assertThat(follower.readLine()).isEqualTo("LEADER b");
        }
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() {
        try (LineClient client = service.connect()) {
            client.sendRaw("JOIN g a\r\nJOIN g b\r\nnonsense\r\nJOIN h c\r\n");
            assertThat(client.readLine()).isEqualTo("LEADER a");
            assertThat(client.readLine()).isEqualTo("ALREADY_JOINED g a");
            assertThat(client.readLine()).isEqualTo("ERROR");
            assertThat(client.readLine()).isEqualTo("ALREADY_JOINED g a");
        }
    }

    @Test
    void aClientNameHeldByAnOpenConnectionIsRefusedUntilItCloses() {
        try (LineClient first = service.connect(); LineClient follower = service.connect()) {
            assertThat(first.join("g", "a")).isEqualTo("LEADER a");
            assertThat(follower.join("g", "b")).isEqualTo("LEADER a");
            try (LineClient impostor = service.connect()) {
                assertThat(impostor.join("g", "a")).isEqualTo("JOIN_FAILED NAME_IN_USE");
                impostor.assertClosedByService();
            }
            first.close();
            assertThat(follower.readLine()).isEqualTo("LEADER b");
            try (LineClient again = service.connect()) {
                assertThat(again.join("g", "a")).isEqualTo("LEADER b");
            }
        }
    }

    @Test
    void theSameClientNameMayJoinDifferentGroups() {
        try (LineClient one = service.connect(); LineClient two = service.connect()) {
            assertThat(one.join("g1", "a")).isEqualTo("LEADER a");
            assertThat(two.join("g2", "a")).isEqualTo("LEADER a");
        }
    }

    @Test
    void aResetConnectionLosesItsMembership() {
        try (LineClient leader = service.connect(); LineClient follower = service.connect()) {
            assertThat(leader.join("g", "a")).isEqualTo("LEADER a");
            assertThat(follower.join("g", "b")).isEqualTo("LEADER a");
            leader.reset();
            assertThat(follower.readLine()).isEqualTo("LEADER b");
        }
    }

    @Test
    void aFollowerLeavingIsNotAnnounced() {
        try (LineClient a = service.connect(); LineClient b = service.connect(); LineClient c = service.connect()) {
            assertThat(a.join("g", "a")).isEqualTo("LEADER a");
            assertThat(b.join("g", "b")).isEqualTo("LEADER a");
            assertThat(c.join("g", "c")).isEqualTo("LEADER a");
            b.close();
            // The service notices closes on different threads: let b's departure land first.
            await().atMost(Timing.patience()).until(() -> service.server().coordinator().localMemberCount() == 2);
            a.close();
            // Had b's departure been pushed, c would read "LEADER a" again first.
            assertThat(c.readLine()).isEqualTo("LEADER c");
        }
    }
}

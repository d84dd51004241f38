package io.leaderlatch.server;

import io.leaderlatch.testing.LineClient;
import io.leaderlatch.testing.service.TestService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example sessions of the product page, replayed over TCP byte for byte, with the
 * {@code \r\n} line ends that telnet sends.
 */
class SpecSessionsTest {

    private final TestService service = TestService.start();

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void withoutQuorumAJoinFailsAndTheConnectionIsClosed() {
        service.store().setAvailable(false);
        try (LineClient client = service.connect()) {
            client.sendRaw("JOIN test_group 1\r\n");
            assertThat(client.readRawLine()).isEqualTo("JOIN_FAILED SERVICE_UNAVAILABLE\n");
            client.assertClosedByService();
        }
    }

    @Test
    void theFirstMemberLeadsTheSecondIsToldAndTakesOverWhenTheFirstCloses() {
        try (LineClient first = service.connect(); LineClient second = service.connect()) {
            first.sendRaw("JOIN test_group 1\r\n");
            assertThat(first.readRawLine()).isEqualTo("LEADER 1\n");

            second.sendRaw("JOIN test_group 2\r\n");
            assertThat(second.readRawLine()).isEqualTo("LEADER 1\n");

            first.close();
            assertThat(second.readRawLine()).isEqualTo("LEADER 2\n");
        }
    }

    @Test
    void afterTheStoreComesBackTheSameJoinSucceeds() {
        service.store().setAvailable(false);
        try (LineClient client = service.connect()) {
            assertThat(client.join("test_group", "1")).isEqualTo("JOIN_FAILED SERVICE_UNAVAILABLE");
            client.assertClosedByService();
        }
        service.store().setAvailable(true);
        try (LineClient client = service.connect()) {
            assertThat(client.join("test_group", "1")).isEqualTo("LEADER 1");
        }
    }
}

package io.leaderlatch.server;

import io.leaderlatch.config.Settings;
import io.leaderlatch.store.embedded.EmbeddedStore;
import io.leaderlatch.testing.FaultyStore;
import io.leaderlatch.testing.LineClient;
import io.leaderlatch.testing.TestService;
import io.leaderlatch.testing.Timing;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A repeated JOIN confirms a membership only while the instance holds its lease: once the store is
 * out of reach, no JOIN sent later than the lease's validity after the cut is answered
 * {@code ALREADY_JOINED}, and the connection ends.
 */
class LeaseConfirmationOverTcpTest {

    @Test
    void noConfirmationIsGivenForAJoinSentAfterTheLeaseCouldHaveRunOut() {
        Settings settings = TestService.quickElectionSettings();
        Duration validity = settings.election().lease().minus(settings.election().fenceMargin());
        FaultyStore store = new FaultyStore(new EmbeddedStore(true));
        try (TestService service = TestService.start(store, settings);
             LineClient client = service.connect()) {
            assertThat(client.join("g", "a")).isEqualTo("LEADER a");
            assertThat(client.join("g", "a")).isEqualTo("ALREADY_JOINED g a");

            long cut = System.nanoTime();
            store.cutOff();
            long lastConfirmedProbe = cut;
            long deadline = cut + validity.toNanos() + Timing.patience().toNanos();
            boolean closed = false;
            while (!closed && System.nanoTime() - deadline < 0) {
                long sent = System.nanoTime();
                String answer;
                try {
                    answer = client.join("g", "a");
                } catch (UncheckedIOException e) {
                    closed = true; // reset by the service
                    continue;
                } catch (AssertionError e) {
                    if (!String.valueOf(e.getMessage()).startsWith("connection closed by the service")) {
                        throw e;
                    }
                    closed = true;
                    continue;
                }
                assertThat(answer).isEqualTo("ALREADY_JOINED g a");
                lastConfirmedProbe = sent;
            }
            assertThat(closed).as("the connection ended").isTrue();
            // The last renewal started before the cut, so the lease ran out at most validity after it.
            assertThat(Duration.ofNanos(lastConfirmedProbe - cut)).isLessThan(validity);
        }
    }
}

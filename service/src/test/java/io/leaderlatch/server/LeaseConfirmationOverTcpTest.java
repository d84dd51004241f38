package io.leaderlatch.server;

import io.leaderlatch.config.Settings;
import io.leaderlatch.store.embedded.EmbeddedStore;
import io.leaderlatch.testing.service.FaultyStore;
import io.leaderlatch.testing.LineClient;
import io.leaderlatch.testing.service.TestService;
import io.leaderlatch.testing.Timing;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A repeated JOIN confirms a membership only while the instance holds its lease: once the store is
 * out of reach, no JOIN sent later than the lease's validity after the cut is answered
 * {@code ALREADY_JOINED}, and the connection ends. And a client held to confirming (it asked for
 * terms and confirmed) that stops, as a paused process does while its kernel keeps the connection
 * open, is dropped twice the fence margin after its last confirmation, and the next member leads.
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

    @Test
    void aLeaderThatStopsConfirmingIsDroppedTwiceTheMarginAfterItsLastConfirmation() {
        Settings settings = TestService.quickElectionSettings();
        Duration margin = settings.election().fenceMargin();
        try (TestService service = TestService.start(new EmbeddedStore(true), settings);
             LineClient paused = service.connect();
             LineClient next = service.connect()) {
            assertThat(paused.send("TERMS").readLine()).isEqualTo("TERMS " + margin.toMillis());
            assertThat(paused.join("g", "a")).startsWith("LEADER a ");
            assertThat(next.join("g", "b")).isEqualTo("LEADER a");
            long sent = System.nanoTime();
            assertThat(paused.join("g", "a")).isEqualTo("ALREADY_JOINED g a");

            // From here on "a" sends nothing, like a process on SIGSTOP: its connection stays open.
            assertThat(next.readLine()).isEqualTo("LEADER b");
            Duration after = Duration.ofNanos(System.nanoTime() - sent);
            assertThat(after).isGreaterThanOrEqualTo(margin.multipliedBy(2));
            assertThat(after).isLessThan(margin.multipliedBy(2).plus(Timing.patience()));
            paused.assertClosedByService();
        }
    }
}

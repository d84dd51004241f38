package io.leaderlatch.client;

import io.leaderlatch.store.ElectionStore;
import io.leaderlatch.store.embedded.EmbeddedStore;
import io.leaderlatch.testing.service.ForwardingStore;
import io.leaderlatch.testing.service.TestService;
import io.leaderlatch.testing.Timing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The latch when things go wrong between it and the service: the service it is on stops, a
 * service accepts and never answers, a service names it leader but never confirms.
 */
class LeaderLatchFailoverTest {

    private static final Duration WINDOW = Duration.ofMillis(400);

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    private LeaderLatch latch(String client, RecordingListener listener, InetSocketAddress... endpoints) {
        LeaderLatch latch = keep(LeaderLatch.builder("g", client)
                .endpoints(List.of(endpoints))
                .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .confirmationWindow(WINDOW)
                .listener(listener)
                .build());
        latch.start();
        return latch;
    }

    @Test
    void whenItsServiceStopsTheLeaderReportsLossAtOnceAndLeadsAgainThroughTheOther() throws Exception {
        EmbeddedStore store = new EmbeddedStore(true);
        TestService first = keep(TestService.start(store, new KeptOpen(store), new SimpleMeterRegistry(), "internal"));
        TestService second = keep(TestService.start(store, new KeptOpen(store), new SimpleMeterRegistry(), "internal"));
        RecordingListener events = new RecordingListener();
        LeaderLatch latch = latch("a", events, first.address(), second.address());
        assertThat(latch.awaitLeadership(Timing.patience())).isTrue();

        first.close();
        // close() returns once the service has closed its connections: the latch knows by now, or nearly.
        await().atMost(Timing.patience()).until(() -> events.events().contains("lost"));
        assertThat(events.events()).startsWith("leader a", "gained", "lost", "leader none");
        assertThat(latch.awaitLeadership(Timing.patience())).isTrue();
        await().atMost(Timing.patience()).untilAsserted(() -> assertThat(events.events())
                .containsExactly("leader a", "gained", "lost", "leader none", "leader a", "gained"));
    }

    @Test
    void aServiceThatAcceptsAndNeverReadsIsLeftForTheNextEndpoint() throws Exception {
        ScriptedService silent = keep(new ScriptedService(connection -> { }));
        TestService service = keep(TestService.start());
        RecordingListener events = new RecordingListener();
        LeaderLatch latch = latch("a", events, silent.address(), service.address());

        assertThat(latch.awaitLeadership(Timing.patience())).isTrue();
        // The listener hears of it on its own thread, a moment later.
        await().atMost(Timing.patience()).untilAsserted(() -> assertThat(events.events()).containsExactly("leader a", "gained"));
        // The silent one got TERMS and the JOIN, and the latch then closed that connection.
        Socket abandoned = silent.accepted().get(0);
        abandoned.setSoTimeout((int) Timing.patience().toMillis());
        assertThat(new String(abandoned.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                .isEqualTo("TERMS\nJOIN g a\n");
    }

    /**
     * A service that names the member leader and then does not confirm it (silence, a wrong
     * membership, an error): the member is never reported leader, and the connection is dropped.
     */
    @ParameterizedTest
    @ValueSource(strings = {"", "ALREADY_JOINED g b\n", "ALREADY_JOINED h a\n", "ERROR\n", "LEADER b\nLEADER a\n"})
    void leadershipThatIsNeverConfirmedIsNeverReported(String answerToConfirmations) throws Exception {
        ScriptedService unconfirming = keep(new ScriptedService(connection -> {
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            readLine(in);
            out.write("LEADER a\n".getBytes(StandardCharsets.US_ASCII));
            while (readLine(in)) {
                out.write(answerToConfirmations.getBytes(StandardCharsets.US_ASCII));
            }
        }));
        RecordingListener events = new RecordingListener();
        LeaderLatch latch = latch("a", events, unconfirming.address());
        // Checked at every poll, and by the listener, which hears of every leadership.
        await().atMost(Timing.patience()).until(() -> {
            assertThat(latch.isLeader()).isFalse();
            return unconfirming.accepted().size() >= 3;
        });
        await().atMost(Timing.patience()).untilAsserted(() -> assertThat(events.events()).contains("leader a"));
        assertThat(events.events()).doesNotContain("gained", "lost");
    }

    /** Reads one line; false at the end of the stream. */
    private static boolean readLine(InputStream in) throws IOException {
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                return true;
            }
        }
        return false;
    }

    /** One store shared by two service instances: stopping one must not close it for the other. */
    private static final class KeptOpen extends ForwardingStore {

        KeptOpen(ElectionStore store) {
            super(store);
        }

        @Override
        public void close() {
            // The test closes nothing it shares.
        }
    }
}

package io.leaderlatch.server;

import io.leaderlatch.config.ConfOrigin;
import io.leaderlatch.config.ListenerSpec;
import io.leaderlatch.config.RiakConf;
import io.leaderlatch.store.Version;
import io.leaderlatch.store.WriteOutcome;
import io.leaderlatch.store.embedded.EmbeddedStore;
import io.leaderlatch.testing.service.ForwardingStore;
import io.leaderlatch.testing.FreePorts;
import io.leaderlatch.testing.LineClient;
import io.leaderlatch.testing.service.TestService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start-up as a stack of steps: what fails undoes what started, and nothing is written before the ports are had. */
class StartUpTest {

    private static final Path RIAK_CONF = Path.of("riak.conf");

    @Test
    void aPortInUseStopsStartUpBeforeAnythingIsWrittenAndFreesWhatWasBound() throws IOException {
        RecordingStore store = new RecordingStore();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int free = FreePorts.pick();
            RiakConf riakConf = riakConf(listener("first", free), listener("busy", taken.getLocalPort()));

            assertThatThrownBy(() -> LeaderLatchServer.start(riakConf, TestService.defaultSettings(), store,
                    new SimpleMeterRegistry()))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("listener.leader_latch.busy");

            assertThat(store.writes).isEmpty();
            assertThat(store.closed).isTrue();
            // The first listener, bound before the failure, is free again.
            try (ServerSocket again = new ServerSocket(free, 1, InetAddress.getByName("127.0.0.1"))) {
                assertThat(again.getLocalPort()).isEqualTo(free);
            }
        }
    }

    @Test
    void aClientThatConnectsDuringStartUpIsServedOnceItEnds() throws Exception {
        int port = FreePorts.pick();
        RecordingStore store = new RecordingStore();
        // Holds the instance's first write until the client below has connected.
        CompletableFuture<Void> clientConnected = new CompletableFuture<>();
        store.beforeFirstWrite = clientConnected;
        CompletableFuture<LeaderLatchServer> starting = CompletableFuture.supplyAsync(() -> LeaderLatchServer.start(
                riakConf(listener("internal", port)), TestService.defaultSettings(), store, new SimpleMeterRegistry()));
        LineClient client = connectWhenBound(new InetSocketAddress("127.0.0.1", port));
        clientConnected.complete(null);
        try (LeaderLatchServer server = starting.join(); client) {
            assertThat(client.join("g", "a")).isEqualTo("LEADER a");
            assertThat(server.instanceId()).isNotEmpty();
        }
    }

    @Test
    void undoingGoesInReverseAndOneFailureDoesNotStopTheRest() {
        StartedResources started = new StartedResources();
        List<String> undone = new ArrayList<>();
        started.started("a", () -> undone.add("a"));
        started.started("b", () -> {
            throw new IOException("b cannot be undone");
        });
        started.started("c", () -> undone.add("c"));
        RuntimeException failure = new RuntimeException("step d failed");

        started.undoAll(failure);

        assertThat(undone).containsExactly("c", "a");
        assertThat(failure.getSuppressed()).extracting(Throwable::getMessage).containsExactly("b cannot be undone");
    }

    private static LineClient connectWhenBound(InetSocketAddress address) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                return LineClient.connect(address);
            } catch (RuntimeException notYetBound) {
                if (attempt > 200) {
                    throw notYetBound;
                }
                Thread.sleep(25);
            }
        }
    }

    private static RiakConf riakConf(ListenerSpec... listeners) {
        return new RiakConf(RIAK_CONF, List.of(listeners), List.of(), Optional.of("riak@127.0.0.1"));
    }

    private static ListenerSpec listener(String name, int port) {
        return new ListenerSpec(name, "127.0.0.1", port, new ConfOrigin(RIAK_CONF, 1));
    }

    /** An embedded store that records every write and whether it was closed. */
    private static final class RecordingStore extends ForwardingStore {
        final ConcurrentLinkedQueue<String> writes = new ConcurrentLinkedQueue<>();
        volatile boolean closed;
        volatile CompletableFuture<Void> beforeFirstWrite = CompletableFuture.completedFuture(null);

        RecordingStore() {
            super(new EmbeddedStore(true));
        }

        @Override
        public CompletableFuture<WriteOutcome> create(String key, byte[] value) {
            writes.add(key);
            return beforeFirstWrite.thenCompose(ignored -> super.create(key, value));
        }

        @Override
        public CompletableFuture<WriteOutcome> compareAndSet(String key, Version expected,
                                                             byte[] value) {
            writes.add(key);
            return beforeFirstWrite.thenCompose(ignored -> super.compareAndSet(key, expected, value));
        }

        @Override
        public void close() {
            closed = true;
            super.close();
        }
    }
}

package io.leaderlatch.client;

import io.leaderlatch.store.embedded.EmbeddedStore;
import io.leaderlatch.testing.FreePorts;
import io.leaderlatch.testing.service.TestService;
import io.leaderlatch.testing.Timing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the latch logs through java.util.logging when it cannot join: a WARNING at the first failed
 * attempt naming the endpoint and the reason, then no more than one per endpoint and reason per
 * period, the others at FINE.
 */
class LeaderLatchLoggingTest {

    /** The records of one logger, kept for the test to read while the latch's thread logs. */
    private static final class Records extends Handler {
        final Queue<LogRecord> all = new ConcurrentLinkedQueue<>();

        @Override
        public void publish(LogRecord record) {
            all.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        List<LogRecord> at(Level level) {
            return all.stream().filter(record -> record.getLevel().equals(level)).toList();
        }
    }

    private final Logger latchLogger = Logger.getLogger(LeaderLatch.class.getName());
    private final Logger otherLogger = Logger.getLogger(LeaderLatchLoggingTest.class.getName());
    private final Records records = new Records();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeEach
    void capture() {
        for (Logger logger : List.of(latchLogger, otherLogger)) {
            logger.setLevel(Level.ALL);
            logger.setUseParentHandlers(false);
            logger.addHandler(records);
        }
    }

    @AfterEach
    void release() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        for (Logger logger : List.of(latchLogger, otherLogger)) {
            logger.removeHandler(records);
            logger.setUseParentHandlers(true);
            logger.setLevel(null);
        }
    }

    private LeaderLatch started(String endpoints) {
        LeaderLatch latch = LeaderLatch.builder("g", "a").endpoints(endpoints)
                .reconnectBackoff(Duration.ofMillis(5), Duration.ofMillis(10))
                .build();
        resources.add(latch);
        latch.start();
        return latch;
    }

    @Test
    void anEndpointWhereNothingListensIsAWarningAtTheFirstAttemptThenRateLimited() {
        String endpoint = "127.0.0.1:" + FreePorts.pick();
        started(endpoint);

        await().atMost(Timing.patience()).until(() -> !records.all.isEmpty());
        LogRecord first = records.all.peek();
        assertThat(first.getLevel()).isEqualTo(Level.WARNING);
        assertThat(first.getMessage()).contains("g/a", "cannot connect to " + endpoint, "Connection refused");

        await().atMost(Timing.patience()).until(() -> records.at(Level.FINE).size() >= 20);
        assertThat(records.at(Level.WARNING)).as("WARNINGs after 20 more failed attempts").hasSize(1);
        assertThat(records.at(Level.FINE)).allSatisfy(record ->
                assertThat(record.getMessage()).contains(endpoint, "Connection refused"));
    }

    @Test
    void aRefusedJoinIsAWarningNamingTheEndpointAndTheReason() {
        EmbeddedStore store = new EmbeddedStore(false);
        TestService service = TestService.start(store, store, new SimpleMeterRegistry(), "internal");
        resources.add(service);
        String endpoint = "127.0.0.1:" + service.address().getPort();
        started(endpoint);

        await().atMost(Timing.patience()).until(() -> records.at(Level.FINE).size() >= 5);
        assertThat(records.at(Level.WARNING)).singleElement().satisfies(record ->
                assertThat(record.getMessage()).contains("g/a", endpoint, "JOIN_FAILED SERVICE_UNAVAILABLE"));
    }

    @Test
    void aRepeatedWarningComesBackAfterThePeriodWithHowManyWereHeldBack() {
        RepeatedWarnings warnings = new RepeatedWarnings(System.getLogger(otherLogger.getName()), Duration.ofMillis(200));
        warnings.warn("h1:5323 refused", "h1 refused");
        warnings.warn("h1:5323 refused", "h1 refused");
        warnings.warn("h2:5323 refused", "h2 refused");
        assertThat(records.at(Level.WARNING)).extracting(LogRecord::getMessage).containsExactly("h1 refused", "h2 refused");
        assertThat(records.at(Level.FINE)).extracting(LogRecord::getMessage).containsExactly("h1 refused");

        await().atMost(Timing.patience()).until(() -> {
            warnings.warn("h1:5323 refused", "h1 refused");
            return records.at(Level.WARNING).size() == 3;
        });
        int heldBack = records.at(Level.FINE).size();
        assertThat(records.at(Level.WARNING).get(2).getMessage())
                .isEqualTo("h1 refused (" + heldBack + " more like it since the last warning)");
    }
}

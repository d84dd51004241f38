package io.leaderlatch.election;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A continuation on the election executor: it runs there, and what it throws reaches the log. */
class OnExecutorTest {

    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> new Thread(task, "election-test"));
    private final Logger logger = (Logger) LoggerFactory.getLogger(OnExecutor.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    OnExecutorTest() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(logged);
        executor.shutdownNow();
    }

    @Test
    void theActionRunsOnTheExecutorWithTheValue() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        CompletableFuture<String> stage = new CompletableFuture<>();
        OnExecutor.whenComplete(stage, executor, (value, error) -> seen.set(Thread.currentThread().getName() + ":" + value));
        stage.complete("v");
        executor.submit(() -> { }).get(5, TimeUnit.SECONDS);
        assertThat(seen.get()).isEqualTo("election-test:v");
        assertThat(logged.list).isEmpty();
    }

    @Test
    void whatTheActionThrowsIsLoggedNotLost() throws Exception {
        OnExecutor.whenComplete(CompletableFuture.completedFuture("v"), executor, (value, error) -> {
            throw new IllegalStateException("a bug in a continuation");
        });
        executor.submit(() -> { }).get(5, TimeUnit.SECONDS);
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("a bug in a continuation");
        });
    }
}

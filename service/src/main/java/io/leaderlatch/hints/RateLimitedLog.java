package io.leaderlatch.hints;

import org.slf4j.Logger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs the first event of a kind at once, then at most one line per window saying how many more
 * there were, so that an attack (thousands of refused connections a second) cannot flood the log.
 *
 * <p>Public because the server's connection gate logs its refusals the same way; it lives here, in
 * the package the server already depends on, so that no arrow points back at the server.
 */
public final class RateLimitedLog {

    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** One kind of event: when its window opened and how many were not logged since. */
    private static final class Window {
        volatile long openedAt;
        final AtomicLong suppressed = new AtomicLong();

        Window(long openedAt) {
            this.openedAt = openedAt;
        }
    }

    private final Logger log;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimitedLog(Logger log) {
        this.log = log;
    }

    /** Logs {@code message} at WARN unless an event of the same {@code kind} was logged within the window. */
    public void warn(String kind, String message) {
        long now = System.nanoTime();
        Window window = windows.computeIfAbsent(kind, k -> new Window(now - WINDOW_NANOS));
        synchronized (window) {
            if (now - window.openedAt < WINDOW_NANOS) {
                window.suppressed.incrementAndGet();
                return;
            }
            long more = window.suppressed.getAndSet(0);
            window.openedAt = now;
            log.warn(more == 0 ? message : message + " (and " + more + " more like it in the last 10 s)");
        }
    }
}

package io.leaderlatch.client;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Warnings about a failure that repeats on every attempt (an endpoint where nothing listens, a
 * service without its store): the first of a kind is logged at WARNING at once, then at most one
 * per period, saying how many were held back; the held-back ones go to DEBUG, so nothing is lost
 * at that level. Used by the connection thread only.
 */
final class RepeatedWarnings {

    /** When a kind was last logged at WARNING, and how many of it were held back since. */
    private static final class Kind {
        long loggedAt;
        int heldBack;
    }

    /** A latch meets few kinds (endpoints times reasons); more than this are from odd messages. */
    private static final int MAX_KINDS = 64;

    private final System.Logger log;
    private final long periodNanos;
    private final Map<String, Kind> kinds = new HashMap<>();

    RepeatedWarnings(System.Logger log, Duration period) {
        this.log = log;
        this.periodNanos = period.toNanos();
    }

    /** Logs {@code message} at WARNING unless one of the same {@code kind} was within the period. */
    void warn(String kind, String message) {
        long now = System.nanoTime();
        Kind seen = kinds.get(kind);
        if (seen != null && now - seen.loggedAt < periodNanos) {
            seen.heldBack++;
            log.log(Level.DEBUG, message);
            return;
        }
        if (seen == null) {
            if (kinds.size() >= MAX_KINDS) {
                kinds.clear();
            }
            seen = new Kind();
            kinds.put(kind, seen);
        }
        int heldBack = seen.heldBack;
        seen.loggedAt = now;
        seen.heldBack = 0;
        log.log(Level.WARNING, heldBack == 0 ? message
                : message + " (" + heldBack + " more like it since the last warning)");
    }
}

package io.leaderlatch.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Lets riak-client's warnings and errors into the log, each kind at most once a minute. riak-client
 * logs an ERROR with a stack trace for every failed connection attempt and health check, about two
 * a second for each Riak node that is down; the service's own line already says what that means
 * ({@code store not ready: ...}). A kind is one message of one logger about one node, so a second
 * node going down, or a new kind of failure, still shows at once. Named in logback.xml.
 */
public final class RiakClientLogLimit extends TurboFilter {

    private static final String RIAK_CLIENT = "com.basho.riak";
    private static final long PERIOD_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Kinds are few (riak-client's messages times the nodes); beyond this, odd messages are forgotten. */
    private static final int MAX_KINDS = 1_000;

    private final Map<String, Long> lastLoggedAt = new ConcurrentHashMap<>();

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        if (format == null || level == null || !level.isGreaterOrEqual(Level.WARN)
                || !logger.getName().startsWith(RIAK_CLIENT)) {
            return FilterReply.NEUTRAL;
        }
        if (lastLoggedAt.size() >= MAX_KINDS) {
            lastLoggedAt.clear();
        }
        long now = System.nanoTime();
        boolean[] due = new boolean[1];
        lastLoggedAt.compute(kind(logger, format, params), (kind, last) -> {
            due[0] = last == null || now - last >= PERIOD_NANOS;
            return due[0] ? now : last;
        });
        return due[0] ? FilterReply.NEUTRAL : FilterReply.DENY;
    }

    /** The logger, the message and its arguments other than exceptions (a node's host and port). */
    private static String kind(Logger logger, String format, Object[] params) {
        StringBuilder kind = new StringBuilder(logger.getName()).append('|').append(format);
        if (params != null) {
            for (Object param : params) {
                if (!(param instanceof Throwable)) {
                    kind.append('|').append(param);
                }
            }
        }
        return kind.toString();
    }
}

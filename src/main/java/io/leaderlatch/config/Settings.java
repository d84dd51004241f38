package io.leaderlatch.config;

import java.time.Duration;

/**
 * The service's own settings (root {@code leader-latch}), read once at start-up and validated.
 * Every default lives in {@code reference.conf}; see docs/configuration.md for each key.
 */
public record Settings(Store store, Embedded embedded, Server server, Election election, Metrics metrics) {

    /** {@code leader-latch.store}. */
    public record Store(StoreType type) {
    }

    /** {@code leader-latch.embedded}: the in-memory store. */
    public record Embedded(boolean available) {
    }

    /**
     * {@code leader-latch.server}.
     *
     * @param ioThreads event-loop threads; 0 means Netty's default (twice the cores)
     * @param nativeTransport use epoll where the platform has it
     * @param shutdownTimeout how long a clean shutdown may take before it is cut short
     */
    public record Server(int ioThreads, boolean nativeTransport, Duration shutdownTimeout) {
    }

    /**
     * {@code leader-latch.election}.
     *
     * @param conflictRetries how often one group change is re-read and retried after a lost
     *                        conditional write before the change is answered as unavailable
     * @param retryBackoff first pause before a failed store write of a departure is tried again
     * @param retryBackoffMax the longest such pause
     */
    public record Election(int conflictRetries, Duration retryBackoff, Duration retryBackoffMax) {
    }

    /**
     * {@code leader-latch.metrics}.
     *
     * @param jmxEnabled publish meters as JMX MBeans
     * @param jmxDomain the JMX domain of those MBeans
     */
    public record Metrics(boolean jmxEnabled, String jmxDomain) {
    }
}

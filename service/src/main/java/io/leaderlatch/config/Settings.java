package io.leaderlatch.config;

import io.leaderlatch.net.HostAndPort;

import java.time.Duration;
import java.util.List;

/**
 * The service's own settings (root {@code leader-latch}), read once at start-up and validated.
 * Every default lives in {@code reference.conf}; see docs/configuration.md for each key.
 */
public record Settings(Store store, Embedded embedded, Riak riak, Server server, Election election, Limits limits,
                       Metrics metrics) {

    /** {@code leader-latch.store}. */
    public record Store(StoreType type) {
    }

    /** {@code leader-latch.embedded}: the in-memory store. */
    public record Embedded(boolean available) {
    }

    /**
     * {@code leader-latch.riak}: the Riak store.
     *
     * @param endpoints Riak protocol buffers endpoints, host names or IP literals; empty means the
     *                  {@code listener.protobuf.*} addresses of riak.conf
     * @param bucketType a bucket type created with {@code consistent: true}
     * @param bucket the bucket holding group and instance records
     * @param requestTimeout how long one store request may take before its outcome counts as unknown
     * @param connectTimeout how long opening a connection to a Riak node may take
     * @param maxConnections connections per Riak node, at most
     * @param maxQueuedRequests requests waiting for a free connection, at most; more are refused
     */
    public record Riak(List<HostAndPort> endpoints, String bucketType, String bucket, Duration requestTimeout,
                       Duration connectTimeout, int maxConnections, int maxQueuedRequests) {

        public Riak {
            endpoints = List.copyOf(endpoints);
        }
    }

    /**
     * {@code leader-latch.server}.
     *
     * @param ioThreads event-loop threads; 0 means Netty's default (twice the cores)
     * @param nativeTransport use epoll where the platform has it
     * @param shutdownTimeout how long a clean shutdown may take before it is cut short
     * @param keepalive TCP keepalive on client connections
     */
    public record Server(int ioThreads, boolean nativeTransport, Duration shutdownTimeout, Keepalive keepalive) {
    }

    /**
     * {@code leader-latch.server.keepalive}: how a client host that vanished without closing its
     * connection is found out.
     *
     * @param idle silence before the first probe
     * @param interval between unanswered probes
     * @param count unanswered probes before the connection is dropped
     */
    public record Keepalive(Duration idle, Duration interval, int count) {

        /**
         * The longest a vanished peer goes unnoticed after the last byte it sent: the idle time,
         * drawn up to a quarter longer per connection, then the unanswered probes.
         */
        public Duration detectionBound() {
            return idle.plus(idle.dividedBy(4)).plus(interval.multipliedBy(count));
        }

        /** How long sent data may stay unacknowledged before the connection is dropped (epoll). */
        public Duration userTimeout() {
            return idle.plus(interval.multipliedBy(count));
        }
    }

    /**
     * {@code leader-latch.limits}: what one client, or many, may take.
     *
     * @param joinTimeout a connection that has not sent a JOIN by then is closed
     * @param maxConnectionsPerListener connections beyond this on one listener are closed at once
     * @param maxConnectionsPerAddress connections beyond this from one remote address are closed at once
     * @param allow per listener, the client networks it accepts; a listener not named accepts any
     */
    public record Limits(Duration joinTimeout, int maxConnectionsPerListener, int maxConnectionsPerAddress,
                         List<Allow> allow) {

        public Limits {
            allow = List.copyOf(allow);
        }
    }

    /** One entry of {@code leader-latch.limits.allow}: a listener and the networks it accepts. */
    public record Allow(String listener, List<Cidr> networks) {

        public Allow {
            networks = List.copyOf(networks);
        }
    }

    /**
     * {@code leader-latch.election}.
     *
     * @param conflictRetries how often one group change is re-read and retried after a lost
     *                        conditional write before the change is answered as unavailable
     * @param retryBackoff first pause before a failed store write of a departure is tried again
     * @param retryBackoffMax the longest such pause
     * @param lease how long other instances wait, after this instance's heartbeat stops changing,
     *              before they remove its members
     * @param renewInterval how often this instance renews its heartbeat
     * @param fenceMargin this instance fences itself once {@code lease - fenceMargin} has passed
     *                    since the start of its last successful renewal
     * @param pollInterval how often an instance re-reads the heartbeats of the other instances and
     *                     the instance index
     * @param sharedPollInterval how often a shard holding groups shared with other instances is
     *                           re-read when nothing else has read or written it (with hints off:
     *                           {@code pollInterval} is used instead)
     * @param hints the change hints this instance sends and takes
     */
    public record Election(int conflictRetries, Duration retryBackoff, Duration retryBackoffMax, Duration lease,
                           Duration renewInterval, Duration fenceMargin, Duration pollInterval,
                           Duration sharedPollInterval, Hints hints) {

        /** The shared poll interval in effect: without hints, polling is the only way to learn. */
        public Duration effectiveSharedPollInterval() {
            return hints.enabled() ? sharedPollInterval : pollInterval;
        }
    }

    /**
     * {@code leader-latch.election.hints}: datagrams by which an instance that changed a group tells
     * the other instances with members in it to re-read it at once, instead of at their next poll.
     *
     * @param enabled bind the hint socket, publish its address and send hints
     * @param host the IP literal (IPv6 without brackets) the socket binds to and other instances send to
     * @param port its UDP port; 0 lets the system choose
     * @param maxPerSecond hints taken in per second; more are dropped unread
     */
    public record Hints(boolean enabled, String host, int port, int maxPerSecond) {

        /** {@code 127.0.0.1:5324} or {@code [::1]:5324}, as in the setting. */
        public HostAndPort bind() {
            return new HostAndPort(host, port);
        }
    }

    /**
     * {@code leader-latch.metrics.prometheus}: {@code GET /metrics} over HTTP, off by default.
     *
     * @param enabled serve it
     * @param host the IP literal (IPv6 without brackets) it listens on, a wildcard for every address
     * @param port its TCP port; 0 lets the system choose (tests only: the settings file takes 1 to 65535)
     */
    public record Prometheus(boolean enabled, String host, int port) {

        /** {@code 127.0.0.1:9323} or {@code [::1]:9323}, as in the setting. */
        public HostAndPort bind() {
            return new HostAndPort(host, port);
        }
    }

    /**
     * {@code leader-latch.metrics}.
     *
     * @param jmxEnabled publish meters as JMX MBeans
     * @param jmxDomain the JMX domain of those MBeans
     * @param prometheus the opt-in Prometheus scrape endpoint
     */
    public record Metrics(boolean jmxEnabled, String jmxDomain, Prometheus prometheus) {
    }
}

package io.leaderlatch.metrics;

/**
 * Every meter the service publishes. Names are lowercase and dotted, in base units, with a few
 * stable tags ({@code listener}, {@code result}); never a group or client name, which would make
 * the number of meters grow with the clients. docs/metrics.md lists each with its JMX name.
 */
public final class MeterNames {

    /** Gauge: open client connections, tag {@code listener}. */
    public static final String CONNECTIONS_OPEN = "leaderlatch.connections.open";

    /** Counter: client connections accepted since start, tag {@code listener}. */
    public static final String CONNECTIONS_ACCEPTED = "leaderlatch.connections.accepted";

    /** Counter: connections closed as soon as they were accepted, tags {@code listener}, {@code reason}. */
    public static final String CONNECTIONS_REFUSED = "leaderlatch.connections.refused";

    /** Counter: connections closed because they sent no JOIN within the join timeout, tag {@code listener}. */
    public static final String JOIN_TIMEOUTS = "leaderlatch.connections.join.timeouts";

    /**
     * Counter: members dropped because they had asked for terms and confirmed, then sent no
     * confirmation for twice the fence margin, tag {@code listener}.
     */
    public static final String CONFIRMATION_TIMEOUTS = "leaderlatch.connections.confirmation.timeouts";

    /**
     * Counter: JOIN lines, tags {@code listener}, {@code result}; not confirmations (a member's JOIN
     * of its own group and name again), not bad lines.
     */
    public static final String JOINS = "leaderlatch.joins";

    /** Counter: confirmations, a member's JOIN of its own group and name again, tags {@code listener}, {@code result}. */
    public static final String CONFIRMATIONS = "leaderlatch.confirmations";

    /** Counter: lines answered {@code ERROR}, tags {@code listener}, {@code reason}. */
    public static final String LINES_INVALID = "leaderlatch.lines.invalid";

    /** Counter: leader changes in groups with members on this instance. */
    public static final String LEADER_CHANGES = "leaderlatch.leader.changes";

    /** Gauge: groups with at least one member connected to this instance. */
    public static final String GROUPS = "leaderlatch.groups";

    /** Gauge: members connected to this instance. */
    public static final String MEMBERS = "leaderlatch.members";

    /** Timer: from a leader's connection closing to its successor being told it leads. */
    public static final String FAILOVER = "leaderlatch.failover";

    /** Counter: group changes the store could not take (no quorum, unreachable). */
    public static final String STORE_UNAVAILABLE = "leaderlatch.store.unavailable";

    /** Timer: store requests, tags {@code operation} (get, create, compare_and_set, delete) and {@code outcome}. */
    public static final String STORE_REQUESTS = "leaderlatch.store.requests";

    /** Gauge: Riak requests waiting for a free connection (Riak store only). */
    public static final String RIAK_REQUESTS_WAITING = "leaderlatch.riak.requests.waiting";

    /** Gauge: Riak requests sent and not yet answered (Riak store only). */
    public static final String RIAK_REQUESTS_OUTSTANDING = "leaderlatch.riak.requests.outstanding";

    /**
     * Counter: Riak requests refused unsent, tag {@code reason}: {@code queue_full} (max-queued-requests
     * were waiting) or {@code waited_too_long} (no connection came free within the request timeout).
     */
    public static final String RIAK_REQUESTS_REFUSED = "leaderlatch.riak.requests.refused";

    /** Gauge: 1 while this instance holds its lease (store reachable, not fenced), else 0. */
    public static final String LEASE_HELD = "leaderlatch.lease.held";

    /** Counter: times this instance lost its lease and closed its clients' connections. */
    public static final String FENCED = "leaderlatch.fenced";

    /** Gauge: live instances this one knows of: itself while it holds its lease, plus the others sharing its groups. */
    public static final String INSTANCES_LIVE = "leaderlatch.instances.live";

    /** Counter: other instances this one declared dead after their heartbeat stood still for a lease. */
    public static final String INSTANCES_DECLARED_DEAD = "leaderlatch.instances.declared.dead";

    /** Counter: change hints this instance sent to other instances (one datagram each). */
    public static final String HINTS_SENT = "leaderlatch.hints.sent";

    /** Counter: datagrams that arrived on this instance's hint socket, dropped ones included. */
    public static final String HINTS_RECEIVED = "leaderlatch.hints.received";

    /** Counter: hints dropped, tag {@code reason} (malformed, over_limit, unsent). */
    public static final String HINTS_DROPPED = "leaderlatch.hints.dropped";

    public static final String TAG_LISTENER = "listener";
    public static final String TAG_REASON = "reason";
    public static final String TAG_OPERATION = "operation";
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_RESULT = "result";

    private MeterNames() {
    }
}

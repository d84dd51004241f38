package io.leaderlatch.server;

/**
 * What a running instance tells {@code scripts/leader-latch status}, {@code metrics}, {@code groups}
 * and {@code instances} over JMX, registered as
 * {@code <leader-latch.metrics.jmx-domain>:type=Instance} while the service serves. An MXBean, so
 * a client needs none of the service's classes to read it.
 */
public interface InstanceMXBean {

    /** This start's instance id, e.g. {@code riak@127.0.0.1/5f2c0a1b9e33}; a new incarnation after being declared dead. */
    String getInstanceId();

    /** Every listener as {@code name=host:port}, in riak.conf order, with the port actually bound. */
    String[] getListeners();

    /** {@code embedded} or {@code riak}, as in {@code leader-latch.store.type}. */
    String getStoreType();

    /** The store's own description: for Riak, the bucket type, bucket and endpoints. */
    String getStore();

    /** True while this instance holds its lease and so answers joins: the health signal. */
    boolean isLeaseHeld();

    /** Whether the meters are published as MBeans too ({@code leader-latch.metrics.jmx-enabled}). */
    boolean isMetersPublished();

    /** The jar's {@code Implementation-Version}, or {@code dev} when run from classes. */
    String getVersion();

    /**
     * Every group (or only {@code group}; empty or null: all), read from the store now: the whole
     * cluster's, from any instance. At most 64 store reads.
     */
    ElectionInfo.Group[] groups(String group);

    /** Every registered instance, read from the store now, with its heartbeat as this one has watched it. */
    ElectionInfo.Instance[] instances();

    /**
     * Every meter of the service, read from its meter registry now: names and tags as registered,
     * durations in milliseconds. Refused while {@link #isMetersPublished()} is false.
     */
    MeterInfo[] meters();
}

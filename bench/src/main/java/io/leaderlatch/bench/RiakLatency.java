package io.leaderlatch.bench;

import java.util.Locale;

/**
 * The store latency injected into the Riak test cluster, in milliseconds: a get, a create (put
 * without a version) and a conditional update (put or delete at a version).
 */
record RiakLatency(double get, double create, double update) {

    /** Measured on a real 3-node Riak 3.2 cluster with strong consistency over loopback (medians). */
    static final RiakLatency MEASURED = new RiakLatency(1.8, 3.7, 3.1);

    String getMillis() {
        return format(get);
    }

    String createMillis() {
        return format(create);
    }

    String updateMillis() {
        return format(update);
    }

    String describe() {
        return String.format(Locale.ROOT, "get %.1f ms, create %.1f ms, compare-and-set %.1f ms", get, create, update);
    }

    private static String format(double millis) {
        return String.format(Locale.ROOT, "%.3f", millis);
    }
}

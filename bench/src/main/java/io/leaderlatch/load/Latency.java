package io.leaderlatch.load;

import java.util.Arrays;
import java.util.Locale;

/** Percentiles of a set of times, in nanoseconds (nearest rank). */
record Latency(int count, long p50, long p99, long max) {

    static Latency of(long[] nanos) {
        if (nanos.length == 0) {
            return new Latency(0, 0, 0, 0);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latency(sorted.length, rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1]);
    }

    private static long rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }
}

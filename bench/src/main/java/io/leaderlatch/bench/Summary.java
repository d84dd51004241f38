package io.leaderlatch.bench;

import java.util.List;

/**
 * The median and the tail of a row's samples: the 99th percentile (nearest rank) from 100 samples
 * on, below that the worst sample (for a rate, the lowest; otherwise the highest).
 */
record Summary(double median, double tail, String tailName, int count) {

    static Summary of(List<Double> samples, Unit unit) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        boolean worstIsLow = unit == Unit.RATE;
        if (n >= 100) {
            int rank = (int) Math.ceil(0.99 * n);
            double tail = worstIsLow ? sorted[n - rank] : sorted[rank - 1];
            return new Summary(median, tail, worstIsLow ? "p1" : "p99", n);
        }
        return new Summary(median, worstIsLow ? sorted[0] : sorted[n - 1], worstIsLow ? "min" : "max", n);
    }
}

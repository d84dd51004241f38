package io.leaderlatch.bench;

import java.util.Locale;

/** What a row's values are, how they read, and which way is better. */
enum Unit {
    /** Nanoseconds; lower is better. */
    TIME,
    /** Bytes; lower is better. */
    BYTES,
    /** Events per second; higher is better. */
    RATE;

    String format(double value) {
        return switch (this) {
            case TIME -> time(value);
            case BYTES -> value >= 10_000 ? String.format(Locale.ROOT, "%.1f KB", value / 1000)
                    : String.format(Locale.ROOT, "%,.0f B", value);
            case RATE -> String.format(Locale.ROOT, "%,.0f/s", value);
        };
    }

    /** How many times better this service is than ZooKeeper, by median. */
    double advantage(double service, double zookeeper) {
        return this == RATE ? service / zookeeper : zookeeper / service;
    }

    private static String time(double nanos) {
        double millis = nanos / 1e6;
        if (millis >= 1000) {
            return String.format(Locale.ROOT, "%.2f s", millis / 1000);
        }
        if (millis >= 10) {
            return String.format(Locale.ROOT, "%.1f ms", millis);
        }
        if (millis >= 1) {
            return String.format(Locale.ROOT, "%.2f ms", millis);
        }
        return String.format(Locale.ROOT, "%.3f ms", millis);
    }
}

package io.leaderlatch.chaos;

/**
 * A span of {@link System#nanoTime()} in which a client could act as its group's leader.
 *
 * @param confirmed false for the strict definition (from {@code LEADER <self>} to the end of the
 *                  connection or a {@code LEADER <other>}); true for a lease-confirmed span (from
 *                  a confirmation to its probe's send time plus the confirmation window)
 */
record Leadership(String client, String group, long from, long to, boolean confirmed) {

    boolean overlaps(Leadership other) {
        return Math.max(from, other.from) - Math.min(to, other.to) < 0;
    }
}

/**
 * The seeded fault-injection checker ({@code ChaosTest}, {@code scripts/soak}, docs/reliability.md):
 * service instances in their own JVMs on the Riak protocol test server, clients that record every
 * line they receive with its {@link java.lang.System#nanoTime() nanoTime}, a schedule of joins,
 * departures and faults drawn from one {@link java.util.Random} seed, and a checker that reads the
 * recorded history: never two overlapping leaderships in one group, and after each heal one leader
 * per group that every member was told.
 */
package io.leaderlatch.chaos;

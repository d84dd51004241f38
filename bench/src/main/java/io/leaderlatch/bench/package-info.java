/**
 * The benchmark against ZooKeeper + Curator ({@code scripts/bench}, docs/benchmarks.md): both
 * servers in their own JVMs, driven from this JVM with raw protocol clients and Curator
 * {@code LeaderLatch}es, every scenario on both, alternating, summed up in a markdown table.
 */
package io.leaderlatch.bench;

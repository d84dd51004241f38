package io.leaderlatch.chaos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything recorded in one run, from every client thread, the client process and the harness;
 * plus which group and instance each client joined, and when each instance was paused.
 */
final class History implements ClientSink {

    /** A client as the harness placed it. */
    record Placement(String group, int instance) {
    }

    /** A span of time in which an instance was stopped with SIGSTOP. */
    record Pause(int instance, long from, long to) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Placement> placements = new HashMap<>();
    private final List<Pause> pauses = new ArrayList<>();
    /** Spans in which a client could not hear from its instance (its host gone or cut off). */
    private final Map<String, List<long[]>> clientsCut = new HashMap<>();

    @Override
    public synchronized void record(Entry entry) {
        entries.add(entry);
    }

    synchronized void place(String client, String group, int instance) {
        placements.put(client, new Placement(group, instance));
    }

    synchronized void paused(int instance, long from, long to) {
        pauses.add(new Pause(instance, from, to));
    }

    void fault(String what) {
        record(new Entry(System.nanoTime(), Entry.HARNESS, Entry.Kind.FAULT, what));
    }

    synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    synchronized Map<String, Placement> placements() {
        return Map.copyOf(placements);
    }

    /** {@code client} could not hear from its instance during [from, to]. */
    synchronized void clientCut(String client, long from, long to) {
        clientsCut.computeIfAbsent(client, c -> new ArrayList<>()).add(new long[] {from, to});
    }

    /** True if {@code client} could not hear from its instance at any moment of [from, to]. */
    synchronized boolean clientCutDuring(String client, long from, long to) {
        return clientsCut.getOrDefault(client, List.of()).stream().anyMatch(span -> span[0] - to <= 0 && from - span[1] <= 0);
    }

    /** True if {@code instance} was paused at any moment of [from, to]. */
    synchronized boolean pausedDuring(int instance, long from, long to) {
        return pauses.stream().anyMatch(p -> p.instance() == instance && p.from() - to <= 0 && from - p.to() <= 0);
    }
}

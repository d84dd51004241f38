package io.leaderlatch.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Collects one contender's samples, per metric, over the trials of a scenario. */
final class Recorder {

    private final Map<Metric, List<Double>> samples = new LinkedHashMap<>();
    private final Map<Metric, String> notes = new LinkedHashMap<>();
    private final boolean discard;

    private Recorder(boolean discard) {
        this.discard = discard;
    }

    static Recorder keeping() {
        return new Recorder(false);
    }

    /** For warm-up rounds: takes samples and forgets them. */
    static Recorder discarding() {
        return new Recorder(true);
    }

    void record(Metric metric, double value) {
        if (!discard) {
            samples.computeIfAbsent(metric, m -> new ArrayList<>()).add(value);
        }
    }

    /** Records the time from {@code startNanos} to {@code endNanos}. */
    void recordTime(Metric metric, long startNanos, long endNanos) {
        record(metric, endNanos - startNanos);
    }

    /** Keeps a remark on a metric, e.g. where the heap went; a later trial's replaces an earlier one's. */
    void note(Metric metric, String text) {
        if (!discard) {
            notes.put(metric, text);
        }
    }

    Optional<String> note(Metric metric) {
        return Optional.ofNullable(notes.get(metric));
    }

    List<Double> samples(Metric metric) {
        return samples.getOrDefault(metric, List.of());
    }
}

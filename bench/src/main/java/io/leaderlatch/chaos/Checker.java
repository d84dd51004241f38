package io.leaderlatch.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Design invariant 1 over a recorded {@link History}: no two members of a group whose leaderships
 * overlap. A client's leaderships are its strict ones unless its instance was paused while it led
 * (a paused instance cannot close its sockets, and no server-side rule can help that) or it could
 * not hear from its instance at all (its host, or its instance's, vanished or was cut off: nothing
 * the service sends reaches it), and its lease-confirmed ones always; no two of different clients
 * in one group may overlap.
 */
final class Checker {

    private static final long BEFORE = Duration.ofSeconds(2).toNanos();
    private static final long AFTER = Duration.ofMillis(500).toNanos();
    private static final int MAX_EXCERPT = 60;

    /** What a check found: how many leaderships it compared, and every violation. */
    record Result(int leaderships, List<Violation> violations) {
    }

    private final long windowNanos;

    Checker(Duration confirmationWindow) {
        this.windowNanos = confirmationWindow.toNanos();
    }

    Result check(History history, long runEnd) {
        List<Entry> entries = history.entries();
        Map<String, List<Entry>> byClient = entries.stream()
                .filter(e -> !e.actor().equals(Entry.HARNESS))
                .collect(Collectors.groupingBy(Entry::actor));
        List<Leadership> leaderships = new ArrayList<>();
        history.placements().forEach((client, placement) -> Leaderships
                .of(client, placement.group(), byClient.getOrDefault(client, List.of()), windowNanos, runEnd)
                .stream()
                .filter(l -> l.confirmed() || !history.pausedDuring(placement.instance(), l.from(), l.to())
                        && !history.clientCutDuring(client, l.from(), l.to()))
                .forEach(leaderships::add));
        List<Violation> violations = new ArrayList<>();
        // One pool per group: a confirmed leadership must not overlap another client's strict one
        // either (nobody may be told they lead while a confirmation still vouches for another).
        Map<String, List<Leadership>> byGroup = leaderships.stream().collect(Collectors.groupingBy(Leadership::group));
        byGroup.values().forEach(group -> findOverlaps(group, entries, violations));
        return new Result(leaderships.size(), violations);
    }

    private void findOverlaps(List<Leadership> group, List<Entry> entries, List<Violation> violations) {
        List<Leadership> sorted = group.stream().sorted(Comparator.comparingLong(Leadership::from)).toList();
        Set<List<String>> reported = new HashSet<>(); // the first overlap of each pair tells the story
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = i + 1; j < sorted.size(); j++) {
                Leadership a = sorted.get(i);
                Leadership b = sorted.get(j);
                if (!a.client().equals(b.client()) && a.overlaps(b)
                        && reported.add(List.of(a.client(), b.client()).stream().sorted().toList())) {
                    violations.add(violation(a, b, entries));
                }
            }
        }
    }

    private Violation violation(Leadership a, Leadership b, List<Entry> entries) {
        long from = Math.max(a.from(), b.from());
        long to = Math.min(a.to(), b.to());
        String rule = a.confirmed() || b.confirmed() ? "one-leader (lease-confirmed)" : "one-leader (strict)";
        String what = String.format("%s led %.3f..%.3f%s and %s led %.3f..%.3f%s: both for %d ms",
                a.client(), a.from() / 1e9, a.to() / 1e9, a.confirmed() ? " (confirmed)" : "",
                b.client(), b.from() / 1e9, b.to() / 1e9, b.confirmed() ? " (confirmed)" : "",
                Duration.ofNanos(to - from).toMillis());
        return new Violation(rule, a.group(), what, excerpt(entries, List.of(a.client(), b.client()),
                Math.min(a.from(), b.from()) - BEFORE, to + AFTER, from - windowNanos - AFTER));
    }

    /**
     * The entries of {@code clients} and of the harness in [from, to], in time order; repeated
     * JOINs and their answers only from {@code probesFrom} on, so the excerpt stays short.
     */
    static List<Entry> excerpt(List<Entry> entries, List<String> clients, long from, long to, long probesFrom) {
        List<Entry> near = entries.stream()
                .filter(e -> clients.contains(e.actor()) || e.actor().equals(Entry.HARNESS))
                .filter(e -> e.nanos() - from >= 0 && e.nanos() - to <= 0)
                .filter(e -> !isProbing(e) || e.nanos() - probesFrom >= 0)
                .sorted(Comparator.comparingLong(Entry::nanos))
                .toList();
        return near.size() <= MAX_EXCERPT ? near : near.subList(near.size() - MAX_EXCERPT, near.size());
    }

    private static boolean isProbing(Entry entry) {
        return entry.kind() == Entry.Kind.PROBE_SENT
                || entry.kind() == Entry.Kind.LINE && entry.detail().startsWith("ALREADY_JOINED");
    }
}

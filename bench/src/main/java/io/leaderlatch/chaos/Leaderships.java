package io.leaderlatch.chaos;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * Reads one client's entries into its leaderships, both the strict ones and the lease-confirmed
 * ones. A confirmation is an {@code ALREADY_JOINED} answer; answers come in the order of the
 * repeated JOINs, so the n-th answer confirms the n-th probe. The service answered it while it
 * held its lease, after the probe was sent, so no other member can be elected before the probe's
 * send time plus the fence margin: the confirmation {@code window} may be at most that margin.
 */
final class Leaderships {

    private Leaderships() {
    }

    /**
     * @param entries the client's entries, in the order the client recorded them
     * @param runEnd  when the run ended, for connections still open then
     */
    static List<Leadership> of(String client, String group, List<Entry> entries, long windowNanos, long runEnd) {
        long end = entries.stream()
                .filter(e -> e.kind() == Entry.Kind.CLOSING || e.kind() == Entry.Kind.EOF || e.kind() == Entry.Kind.KILLED)
                .map(Entry::nanos).min(Comparator.comparingLong(n -> n - runEnd)).orElse(runEnd);
        List<Leadership> strict = new ArrayList<>();
        List<Leadership> confirmed = new ArrayList<>();
        Deque<Long> probes = new ArrayDeque<>();
        List<long[]> confirmations = new ArrayList<>(); // {received, probe sent}
        long leadingSince = 0;
        boolean leading = false;
        for (Entry entry : entries) {
            if (entry.nanos() - end >= 0) {
                continue; // the connection was over: nothing received later counts
            }
            if (entry.kind() == Entry.Kind.PROBE_SENT) {
                probes.add(entry.nanos());
            } else if (entry.kind() == Entry.Kind.LINE && entry.detail().startsWith("ALREADY_JOINED")) {
                Long sent = probes.poll();
                if (sent != null && leading) {
                    confirmations.add(new long[] {entry.nanos(), sent});
                }
            } else if (entry.kind() == Entry.Kind.LINE && entry.detail().startsWith("LEADER ")) {
                boolean self = entry.detail().equals("LEADER " + Entry.clientName(client));
                if (self && !leading) {
                    leading = true;
                    leadingSince = entry.nanos();
                } else if (!self && leading) {
                    leading = false;
                    close(client, group, leadingSince, entry.nanos(), strict, confirmations, windowNanos, confirmed);
                }
            }
        }
        if (leading) {
            close(client, group, leadingSince, end, strict, confirmations, windowNanos, confirmed);
        }
        List<Leadership> all = new ArrayList<>(strict);
        all.addAll(confirmed);
        return all;
    }

    private static void close(String client, String group, long from, long to, List<Leadership> strict,
                              List<long[]> confirmations, long windowNanos, List<Leadership> confirmed) {
        strict.add(new Leadership(client, group, from, to, false));
        for (long[] confirmation : confirmations) {
            long until = Math.min(confirmation[1] + windowNanos, to);
            if (confirmation[0] - until < 0) {
                confirmed.add(new Leadership(client, group, confirmation[0], until, true));
            }
        }
        confirmations.clear();
    }
}

package io.leaderlatch.election;

import java.util.ArrayList;
import java.util.List;

/** An {@link ElectionMember} that writes down what it is told, in order, as protocol-like lines. */
final class RecordingMember implements ElectionMember {

    private final List<String> events = new ArrayList<>();
    private final List<Long> terms = new ArrayList<>();

    @Override
    public synchronized void joined(String leader, long term) {
        events.add("LEADER " + leader);
        terms.add(term);
    }

    @Override
    public synchronized void leaderChanged(String leader, long term) {
        events.add("LEADER " + leader);
        terms.add(term);
    }

    /** The term of each LEADER event, in order. */
    synchronized List<Long> terms() {
        return List.copyOf(terms);
    }

    @Override
    public synchronized void joinFailed(JoinFailure failure) {
        events.add("JOIN_FAILED " + failure);
    }

    @Override
    public synchronized void evicted() {
        events.add("EVICTED");
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }
}

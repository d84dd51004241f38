package io.leaderlatch.election;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An {@link ElectionMember} that records what it is told and when ({@link System#nanoTime()}). */
final class TimedMember implements ElectionMember {

    /** {@code term}: the leader's term on LEADER lines, 0 on the others. */
    record Event(String line, long at, long term) {
    }

    private final List<Event> events = new ArrayList<>();

    @Override
    public synchronized void joined(String leader, long term) {
        events.add(new Event("LEADER " + leader, System.nanoTime(), term));
    }

    @Override
    public synchronized void leaderChanged(String leader, long term) {
        events.add(new Event("LEADER " + leader, System.nanoTime(), term));
    }

    @Override
    public synchronized void joinFailed(JoinFailure failure) {
        events.add(new Event("JOIN_FAILED " + failure, System.nanoTime(), 0));
    }

    @Override
    public synchronized void evicted() {
        events.add(new Event("EVICTED", System.nanoTime(), 0));
    }

    synchronized List<String> lines() {
        return events.stream().map(Event::line).toList();
    }

    /** The term told with the first {@code line}, if it was told. */
    synchronized Optional<Long> termOf(String line) {
        return events.stream().filter(event -> event.line().equals(line)).map(Event::term).findFirst();
    }

    synchronized Optional<Long> firstTime(String line) {
        return events.stream().filter(event -> event.line().equals(line)).map(Event::at).findFirst();
    }
}

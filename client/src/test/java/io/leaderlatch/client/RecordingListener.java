package io.leaderlatch.client;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Records every listener call as a word ({@code gained}, {@code lost}, {@code leader a}, {@code leader none}), with its thread. */
final class RecordingListener implements LeaderLatchListener {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger overlaps = new AtomicInteger();

    @Override
    public void leadershipGained() {
        record("gained");
    }

    @Override
    public void leadershipLost() {
        record("lost");
    }

    @Override
    public void leaderChanged(Optional<String> leader) {
        record("leader " + leader.orElse("none"));
    }

    private void record(String event) {
        if (running.incrementAndGet() > 1) {
            overlaps.incrementAndGet();
        }
        threads.add(Thread.currentThread().getName());
        events.add(event);
        running.decrementAndGet();
    }

    List<String> events() {
        return List.copyOf(events);
    }

    List<String> threads() {
        return List.copyOf(threads);
    }

    /** How many calls started while another was still running; 0 when calls never overlap. */
    int overlaps() {
        return overlaps.get();
    }
}

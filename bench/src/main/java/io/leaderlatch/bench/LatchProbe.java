package io.leaderlatch.bench;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Notices when a started {@link org.apache.curator.framework.recipes.leader.LeaderLatch} has
 * created its node (Curator has no callback for it) and has its participant read who leads. One
 * thread looks every 100 µs, and sleeps while nothing waits.
 */
final class LatchProbe implements AutoCloseable {

    private static final long INTERVAL_NANOS = 100_000;

    private final Queue<CuratorParticipant> incoming = new ConcurrentLinkedQueue<>();
    private final List<CuratorParticipant> waiting = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    LatchProbe() {
        thread = new Thread(this::loop, "latch-probe");
        thread.setDaemon(true);
        thread.start();
    }

    void watch(CuratorParticipant participant) {
        incoming.add(participant);
        LockSupport.unpark(thread);
    }

    private void loop() {
        while (running) {
            for (CuratorParticipant p = incoming.poll(); p != null; p = incoming.poll()) {
                waiting.add(p);
            }
            Iterator<CuratorParticipant> it = waiting.iterator();
            while (it.hasNext()) {
                CuratorParticipant participant = it.next();
                if (!participant.waitingForNode()) {
                    it.remove();
                    if (participant.needsLeader()) {
                        participant.readLeader();
                    }
                }
            }
            if (waiting.isEmpty() && incoming.isEmpty()) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, INTERVAL_NANOS);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
    }
}

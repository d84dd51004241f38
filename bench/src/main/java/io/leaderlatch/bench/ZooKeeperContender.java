package io.leaderlatch.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.Version;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A standalone ZooKeeper server in its own JVM, driven by Curator {@code LeaderLatch}es: one Curator
 * client, and so one ZooKeeper session, per participant.
 */
final class ZooKeeperContender implements Contender {

    private final ChildJvms jvms;
    private final ZooKeeperProcess server;
    private final LatchProbe probe = new LatchProbe();
    /** Closing a Curator client waits for the server to end its session: done off the scenario's thread. */
    private final ExecutorService closerPool = Executors.newFixedThreadPool(16, runnable -> {
        Thread thread = new Thread(runnable, "curator-closer");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger closing = new AtomicInteger();
    private final Executor closer = task -> {
        closing.incrementAndGet();
        closerPool.execute(() -> {
            try {
                task.run();
            } finally {
                closing.decrementAndGet();
            }
        });
    };

    private ZooKeeperContender(ChildJvms jvms, ZooKeeperProcess server) {
        this.jvms = jvms;
        this.server = server;
    }

    static ZooKeeperContender start(ChildJvms jvms, List<String> serverJvmOptions) {
        quietCuratorCloseRace();
        return new ZooKeeperContender(jvms, ZooKeeperProcess.start(jvms, serverJvmOptions));
    }

    /**
     * A latch closed while its own leadership check is in flight makes Curator log two ERRORs (it
     * cannot find its node, and then cannot recreate it on the closed client) and nothing else
     * happens; the benchmark closes thousands of latches, so those two loggers are switched off.
     */
    private static void quietCuratorCloseRace() {
        for (String name : List.of("org.apache.curator.framework.recipes.leader.LeaderLatch",
                "org.apache.curator.framework.imps.CuratorFrameworkImpl")) {
            ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.OFF);
        }
    }

    @Override
    public String label() {
        return "ZooKeeper " + Version.getFullVersion().split("[- ]")[0] + " + Curator "
                + Optional.ofNullable(CuratorFramework.class.getPackage().getImplementationVersion()).orElse("5");
    }

    @Override
    public Participant join(String group, String name) {
        CuratorParticipant participant = new CuratorParticipant(name, CuratorClients.latchPath(group),
                CuratorClients.create(server.connectString(), CuratorClients.DEFAULT_SESSION_TIMEOUT_MS), closer);
        try {
            participant.start();
        } catch (Exception e) {
            throw new BenchFailure("cannot start the latch of " + name + ": " + e, e);
        }
        probe.watch(participant);
        return participant;
    }

    @Override
    public LeaderProcess startLeaderProcess(String group, String name, Duration bound) {
        return LeaderProcess.start(jvms, "crash-zookeeper-" + name, List.of("zookeeper", server.connectString(),
                group, name, String.valueOf(CuratorClients.CRASH_SESSION_TIMEOUT_MS)), bound);
    }

    @Override
    public Optional<String> crashNote() {
        return Optional.of("session timeout " + CuratorClients.CRASH_SESSION_TIMEOUT_MS / 1000 + " s");
    }

    @Override
    public long serverPid() {
        return server.pid();
    }

    @Override
    public void settle(Duration bound) {
        Bounded.until(() -> closing.get() == 0, bound, "Curator clients to close");
    }

    @Override
    public void close() {
        probe.close();
        closerPool.shutdown();
        try {
            closerPool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop();
    }
}

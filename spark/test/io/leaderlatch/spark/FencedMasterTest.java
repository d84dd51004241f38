package io.leaderlatch.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A paused leader cannot change what its successor reads. Two unpatched masters in their own JVMs
 * with the adapter, the service from its jar. The leader's next change (a worker that registers
 * with it alone) is held on its way to the store: its Riak request held in a proxy, or, for a
 * directory, the directory's lock held by the test. The leader is then frozen (SIGSTOP) for longer
 * than its confirmation window; the service drops it for no longer confirming; the standby takes
 * over in a newer term, claims the state and writes (a worker that registers with it alone). The
 * old leader is resumed with its change still in flight: the store refuses the change, the old
 * leader steps down, and the state the new leader wrote is unchanged.
 */
class FencedMasterTest {

    private static final Duration BOUND = Duration.ofSeconds(120);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    /** Holds the stale leader's next change on its way to the store, and lets it go. */
    private interface Gate extends AutoCloseable {
        void hold();

        /** Returns once the stale leader's change is under way and held. */
        void awaitHeld();

        /** Lets it go. */
        void release();

        @Override
        void close();
    }

    @Test
    void aPausedLeadersChangeInFlightIsRefusedByRiak() throws IOException {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        try (RiakTestServer riak = RiakTestServer.start(logs, 3);
             HoldingProxy proxy = HoldingProxy.to(riak.nodes().get(0))) {
            Gate gate = new Gate() {
                @Override
                public void hold() {
                    proxy.hold();
                }

                @Override
                public void awaitHeld() {
                    proxy.awaitHeld(BOUND);
                }

                @Override
                public void release() {
                    proxy.release();
                }

                @Override
                public void close() {
                    proxy.release();
                }
            };
            RiakRecoveryStore stored = new RiakRecoveryStore(riak.nodes(), AdapterSettings.DEFAULT_BUCKET_TYPE,
                    AdapterSettings.DEFAULT_BUCKET, AdapterSettings.DEFAULT_GROUP);
            // The first leader reaches Riak only through the proxy; its successor directly.
            fenceOff(logs, Recovery.LeaderLatch.riak(List.of(proxy.address())), Recovery.LeaderLatch.riak(riak.nodes()),
                    gate, () -> snapshot(stored.readAll(""), stored.storedTerm()));
            stored.close();
        }
    }

    @Test
    void aPausedLeadersChangeInFlightIsRefusedByTheDirectory() throws IOException {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path recovery = Files.createDirectories(dir.resolve("recovery"));
        DirectoryRecoveryStore stored = new DirectoryRecoveryStore(recovery);
        try (Gate gate = new DirectoryLockGate(recovery)) {
            List<String> persistence = Recovery.LeaderLatch.directory(recovery);
            fenceOff(logs, persistence, persistence, gate, () -> snapshot(stored.readAll(""), stored.storedTerm()));
        }
    }

    /** The state as a successor reads it: every entry (sorted, as text) and the stored term. */
    private static List<String> snapshot(List<byte[]> entries, long term) {
        List<String> lines = new java.util.ArrayList<>(entries.stream()
                .map(entry -> Base64.getEncoder().encodeToString(entry)).sorted().toList());
        lines.add("term " + term);
        return Collections.unmodifiableList(lines);
    }

    private static void fenceOff(Path logs, List<String> firstPersistence, List<String> secondPersistence, Gate gate,
                                 Supplier<List<String>> state) {
        SparkJvm jvm = SparkJvm.ofThisJvm(logs);
        try (ServiceProcess service = ServiceProcess.start(TestPaths.serviceJar(), logs, TestPaths.SERVICE_SETTINGS);
             SparkMaster first = SparkMaster.start(jvm, "master-a", 0, new Recovery.LeaderLatch(service.endpoint(),
                     firstPersistence, TestPaths.CONFIRMATION_WINDOW)).awaitBound()) {
            Bounded.until(first::isAlive, BOUND, "the first master to lead: " + first);
            try (SparkMaster second = SparkMaster.start(jvm, "master-b", 0, new Recovery.LeaderLatch(service.endpoint(),
                    secondPersistence, TestPaths.CONFIRMATION_WINDOW)).awaitBound();
                 ChildProcess both = SparkWorker.start(jvm, Placement.LOOPBACK, "worker-both", List.of(first, second))) {
                Bounded.until(second::isStandby, BOUND, "the second master to stand by: " + second);
                Bounded.until(() -> workers(first, 1), BOUND, "the first master to list its worker ALIVE");

                gate.hold();
                try (ChildProcess firstOnly = SparkWorker.start(jvm, Placement.LOOPBACK, "worker-first-only",
                        List.of(first))) {
                    gate.awaitHeld();
                    first.process().freeze();
                    // Frozen: it cannot take the lock, or send anything, until it is thawed.
                    gate.release();
                    Bounded.until(() -> workers(second, 1), BOUND, "the standby to take over with the first worker");
                    try (ChildProcess secondOnly = SparkWorker.start(jvm, Placement.LOOPBACK, "worker-second-only",
                            List.of(second))) {
                        Bounded.until(() -> workers(second, 2), BOUND, "the new leader to register a worker of its own");
                        List<String> written = state.get();
                        assertThat(written).as("the new leader persisted both its workers").hasSize(3);

                        first.process().thaw();
                        Bounded.until(() -> !first.process().isAlive(), BOUND,
                                "the old leader to step down and exit: " + first);

                        assertThat(state.get()).as("the new leader's state, unchanged").isEqualTo(written);
                        assertThat(log(first)).as("the old leader's change was refused as fenced off")
                                .contains("Refused to write worker_").contains("older than term");
                        assertThat(second.isAlive()).isTrue();
                    }
                }
            }
        }
    }

    /** ALIVE and listing exactly {@code count} workers, all ALIVE. */
    private static boolean workers(SparkMaster master, int count) {
        return master.state().map(state -> state.alive() && state.workerStates().size() == count
                && state.workerStates().stream().allMatch("ALIVE"::equals)).orElse(false);
    }

    private static String log(SparkMaster master) {
        try {
            return Files.readString(master.process().log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Holds the recovery directory's lock from this JVM. A master's change writes its partial file
     * first, then waits for the lock: a partial file means the change is under way.
     */
    private static final class DirectoryLockGate implements Gate {
        private final Path directory;
        private FileChannel channel;
        private FileLock lock;

        DirectoryLockGate(Path directory) {
            this.directory = directory;
        }

        @Override
        public void hold() {
            try {
                channel = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                lock = channel.lock();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void awaitHeld() {
            Bounded.until(() -> {
                try (Stream<Path> files = Files.list(directory)) {
                    return files.anyMatch(file -> file.getFileName().toString().startsWith(".partial-"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, BOUND, "the first master's change to wait for the lock");
            // From its partial file to the lock is a few instructions; give them time to run.
            sleep(Duration.ofMillis(500));
        }

        @Override
        public void release() {
            try {
                if (lock != null) {
                    lock.release();
                    channel.close();
                    lock = null;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            release();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.leaderlatch.load;

import io.leaderlatch.bench.BenchFailure;
import io.leaderlatch.bench.Bounded;
import io.leaderlatch.bench.ChildJvms;
import io.leaderlatch.bench.HeapProbe;
import io.leaderlatch.bench.ServiceProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The service under load: on the embedded store, in a JVM of its own (the bench harness's
 * {@link ServiceProcess}, the same fixed 1 GB heap as the benchmark), with what the run measures of
 * it: its open file descriptors and its live heap.
 */
final class LoadService implements AutoCloseable {

    static final List<String> JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");

    private final ServiceProcess process;

    private LoadService(ServiceProcess process) {
        this.process = process;
    }

    /** Starts the service with {@code settings} (lines of a settings file) added to the embedded store's. */
    static LoadService start(ChildJvms jvms, String name, String... settings) {
        String file = String.join("\n", Stream.concat(Stream.of("leader-latch.store.type = embedded"),
                Stream.of(settings)).toList());
        return new LoadService(ServiceProcess.start(jvms, name, JVM_OPTIONS, file, Optional.empty()));
    }

    InetSocketAddress address() {
        return process.address();
    }

    /** Open file descriptors of the service process, from {@code /proc/<pid>/fd}. */
    int openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(process.pid()), "fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the open files of the service", e);
        }
    }

    /**
     * Waits until the service holds at most {@code most} open files, for up to {@code bound}, and
     * returns how many it holds then (more than {@code most} if it never got there).
     */
    int awaitOpenFilesAtMost(int most, Duration bound) {
        try {
            Bounded.until(() -> openFiles() <= most, bound, "open files");
        } catch (BenchFailure e) {
            // The caller reports the count it is left with.
        }
        return openFiles();
    }

    /** Live heap after a full collection, by class. The first call attaches jcmd, which opens a file for good. */
    HeapProbe.Histogram heap() {
        return HeapProbe.histogram(process.pid());
    }

    @Override
    public void close() {
        process.stop();
    }

    /** {@code 127.<b>.<c>.<d>}: one of the loopback addresses that stand for client hosts. */
    static InetAddress loopback(int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {127, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

package io.leaderlatch.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Packets the kernel dropped because a CPU's input backlog was full ({@code net.core.netdev_max_backlog}),
 * the second column of {@code /proc/net/softnet_stat}, summed over the CPUs. Every loopback packet
 * passes that backlog, so a burst of them on a busy machine can overflow it; machine-wide, so other
 * programs' traffic counts too.
 */
final class KernelDrops {

    private KernelDrops() {
    }

    /** The count so far, or -1 where the file cannot be read. */
    static long count() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/softnet_stat"));
            return lines.stream().map(line -> line.trim().split("\\s+")).filter(cols -> cols.length > 1)
                    .mapToLong(cols -> Long.parseLong(cols[1], 16)).sum();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}

package io.leaderlatch.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The machine and JVM a run is on, read from /proc and the JVM's properties. */
public final class MachineInfo {

    private MachineInfo() {
    }

    public static String describe() {
        String cpu = proc("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch"));
        String memory = proc("/proc/meminfo", "MemTotal")
                .map(kb -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(kb.replaceAll("\\D", "")) / 1048576.0))
                .orElse("unknown memory");
        return String.format(Locale.ROOT, "%s, %d cores, %s; %s %s", cpu, Runtime.getRuntime().availableProcessors(),
                memory, System.getProperty("os.name"), System.getProperty("os.version"));
    }

    public static String jvm() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vm.vendor") + ")";
    }

    /** The 1-minute load average, or the system's load as the JVM sees it. */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static Optional<String> proc(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream()
                    .filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

package io.leaderlatch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of another JVM: {@code jcmd <pid> GC.class_histogram} runs a full collection and
 * lists the bytes of every class's objects still reachable, and their sum on its last line.
 */
public final class HeapProbe {

    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)\\s*$");
    private static final Pattern CLASS = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    /** Live bytes in all, and by class. */
    public record Histogram(long total, Map<String, Long> byClass) {

        /** The classes that grew most from {@code before} to this one, with their growth. */
        public List<Map.Entry<String, Long>> largestGrowth(Histogram before, int count) {
            return byClass.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - before.byClass.getOrDefault(e.getKey(), 0L)))
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(count).toList();
        }
    }

    private HeapProbe() {
    }

    public static Histogram histogram(long pid) {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Path histogram = null;
        try {
            histogram = Files.createTempFile("histogram-" + pid, ".txt");
            Process process = new ProcessBuilder(jcmd, String.valueOf(pid), "GC.class_histogram")
                    .redirectErrorStream(true).redirectOutput(histogram.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new BenchFailure("jcmd " + pid + " GC.class_histogram did not finish within 60 s");
            }
            String output = Files.readString(histogram, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new BenchFailure("jcmd " + pid + " GC.class_histogram failed: " + tail(output));
            }
            Matcher total = TOTAL.matcher(output);
            if (!total.find()) {
                throw new BenchFailure("no total in the class histogram of " + pid + ": " + tail(output));
            }
            Map<String, Long> byClass = new HashMap<>();
            Matcher line = CLASS.matcher(output);
            while (line.find()) {
                byClass.merge(line.group(3), Long.parseLong(line.group(2)), Long::sum);
            }
            return new Histogram(Long.parseLong(total.group(2)), byClass);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted while measuring the heap of " + pid);
        } finally {
            deleteQuietly(histogram);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // A leftover temporary file is harmless.
        }
    }

    private static String tail(String output) {
        return output.length() <= 300 ? output : output.substring(output.length() - 300);
    }
}

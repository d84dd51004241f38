package io.leaderlatch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of another JVM: {@code jcmd <pid> GC.class_histogram} runs a full collection and
 * sums the bytes of every object still reachable, which is what its last line reports.
 */
final class HeapProbe {

    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    private HeapProbe() {
    }

    static long liveBytes(long pid) {
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
            return Long.parseLong(total.group(2));
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

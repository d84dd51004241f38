package io.leaderlatch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts a run's results into a markdown file between two marker comments, leaving the rest of the
 * file (how to run it, the discussion) as it is; appends the markers when the file has none.
 */
final class BenchDoc {

    static final String BEGIN = "<!-- results: written by scripts/bench; do not edit by hand -->";
    static final String END = "<!-- end of results -->";

    private BenchDoc() {
    }

    static void write(Path file, String results) {
        write(file, BEGIN, END, results);
    }

    /** The same between other markers, for a second table in the same file. */
    static void write(Path file, String begin, String end, String results) {
        try {
            String text = Files.exists(file) ? Files.readString(file) : "";
            String block = begin + "\n\n" + results + "\n" + end;
            int from = text.indexOf(begin);
            int to = text.indexOf(end);
            String updated;
            if (from >= 0 && to > from) {
                updated = text.substring(0, from) + block + text.substring(to + end.length());
            } else {
                updated = text + (text.isEmpty() || text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n")
                        + block + "\n";
            }
            Files.writeString(file, updated);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results to " + file, e);
        }
    }
}

package io.leaderlatch.config;

import java.nio.file.Path;

/** Where a setting was written: a file and a 1-based line number. */
public record ConfOrigin(Path file, int line) {

    @Override
    public String toString() {
        return file + ":" + line;
    }
}

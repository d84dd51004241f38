package io.leaderlatch.admin;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@code leader-latch} admin commands (as the script does) in this JVM, for tests of other packages. */
public final class AdminCommands {

    private AdminCommands() {
    }

    /** The command's output; fails unless it exits 0. */
    public static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AdminTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        if (exit != AdminTool.EXIT_OK) {
            throw new AssertionError("leader-latch " + String.join(" ", args) + " exited " + exit + ": "
                    + err.toString(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}

package io.leaderlatch.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What this host says of a process, by its id: whether it still runs, and whether the JDK's
 * Attach API may safely ask it to open its attach socket. Reads {@code /proc} where there is one.
 */
final class LocalProcess {

    /** SIGQUIT is signal 3: bit 2 of the masks in {@code /proc/<pid>/status}. */
    private static final long SIGQUIT_BIT = 1L << 2;
    private static final boolean PROC = Files.isDirectory(Path.of("/proc/self"));

    private LocalProcess() {
    }

    /** True while process {@code pid} exists and has not exited (an exited child nobody reaped yet has). */
    static boolean alive(long pid) {
        if (!PROC) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        Optional<String> stat = read(pid, "stat");
        if (stat.isEmpty()) {
            return false;
        }
        // The state follows the command name's closing parenthesis: Z and X have exited.
        String text = stat.get();
        int close = text.lastIndexOf(')');
        char state = close >= 0 && close + 2 < text.length() ? text.charAt(close + 2) : '?';
        return state != 'Z' && state != 'X';
    }

    /**
     * Whether process {@code pid} handles SIGQUIT. The Attach API of this JDK sends SIGQUIT to a JVM
     * whose attach socket is not open yet, and that signal ends a process that does not handle it:
     * a JVM too early in its start-up to have installed its handler, or a process that is no JVM at
     * all. False only when {@code /proc} says so; where there is none, the answer is yes.
     */
    static boolean handlesQuit(long pid) {
        if (!PROC) {
            return true;
        }
        Optional<String> status = read(pid, "status");
        if (status.isEmpty()) {
            return false;
        }
        for (String line : status.get().split("\n")) {
            if (line.startsWith("SigCgt:")) {
                try {
                    return (Long.parseUnsignedLong(line.substring("SigCgt:".length()).trim(), 16) & SIGQUIT_BIT) != 0;
                } catch (NumberFormatException e) {
                    return true;
                }
            }
        }
        return true;
    }

    private static Optional<String> read(long pid, String file) {
        try {
            return Optional.of(Files.readString(Path.of("/proc", Long.toString(pid), file)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

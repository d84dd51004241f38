package io.leaderlatch.chaos;

/**
 * One thing that happened, stamped with {@link System#nanoTime()} where it was seen (the same
 * clock in every JVM of the machine on Linux).
 *
 * @param actor  a client connection's name ({@link #clientName} and, for a member that came back
 *               after its instance died, {@code ~} and a number), or {@code harness}
 * @param detail the line received or sent, or what the harness did
 */
record Entry(long nanos, String actor, Kind kind, String detail) {

    static final String HARNESS = "harness";

    /** What an entry records. */
    enum Kind {
        /** The client sent its first {@code JOIN}. */
        JOIN_SENT,
        /** The client sent a repeated {@code JOIN} to have its membership confirmed. */
        PROBE_SENT,
        /** The client received a line. */
        LINE,
        /** The client is about to close (or reset) its connection; nothing it received later counts. */
        CLOSING,
        /** The client saw its connection end (end of stream, a reset, or it could not connect). */
        EOF,
        /** The client's process is about to be killed. */
        KILLED,
        /** The harness switched a fault on or healed. */
        FAULT
    }

    /** The client name an actor sends in its JOIN: {@code c12} for {@code c12} and {@code c12~2}. */
    static String clientName(String actor) {
        int tilde = actor.indexOf('~');
        return tilde < 0 ? actor : actor.substring(0, tilde);
    }

    /** The line form the client process reports on its standard output. */
    String encode() {
        return nanos + " " + actor + " " + kind + " " + detail;
    }

    static Entry decode(String line) {
        String[] parts = line.split(" ", 4);
        return new Entry(Long.parseLong(parts[0]), parts[1], Kind.valueOf(parts[2]), parts.length > 3 ? parts[3] : "");
    }

    @Override
    public String toString() {
        return String.format("%.3f %s %s %s", nanos / 1e9, actor, kind, detail);
    }
}

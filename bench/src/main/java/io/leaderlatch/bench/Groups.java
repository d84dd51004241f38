package io.leaderlatch.bench;

import java.util.concurrent.atomic.AtomicLong;

/** Group names never used before in the run, so no trial meets another's members. */
final class Groups {

    private static final AtomicLong NEXT = new AtomicLong();

    private Groups() {
    }

    static String next(String prefix) {
        return prefix + "-" + NEXT.incrementAndGet();
    }
}

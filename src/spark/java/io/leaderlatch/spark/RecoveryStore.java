package io.leaderlatch.spark;

import java.util.List;

/**
 * Named byte entries: the master's recovery state, one entry per worker, application and driver,
 * named by Spark ({@code worker_<id>}, {@code app_<id>}, {@code driver_<id>}).
 */
interface RecoveryStore extends AutoCloseable {

    /** Writes {@code bytes} under {@code name}, replacing any earlier entry, before returning. */
    void put(String name, byte[] bytes);

    /** Removes the entry; nothing if there is none. */
    void remove(String name);

    /** Every entry whose name starts with {@code prefix}, in no particular order. */
    List<byte[]> readAll(String prefix);

    @Override
    void close();
}

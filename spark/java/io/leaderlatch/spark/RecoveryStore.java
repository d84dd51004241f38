package io.leaderlatch.spark;

import java.util.List;

/**
 * Named byte entries: the master's recovery state, one entry per worker, application and driver,
 * named by Spark ({@code worker_<id>}, {@code app_<id>}, {@code driver_<id>}), stored with a term:
 * the newest term that claimed or changed the state. A change made in an older term than the
 * stored one is refused with {@link FencedOffException}, so that a master that no longer leads
 * cannot change what its successor reads. Term {@link MasterTerm#UNFENCED} (0), a master under a
 * service too old to tell terms, is neither checked nor raises the stored term: such masters write
 * as they did before terms, rather than being locked out of a state a newer service once fenced.
 */
interface RecoveryStore extends AutoCloseable {

    /**
     * Raises the stored term to {@code term}, unless it is newer already (then refuses): from the
     * moment this returns, no change made in an older term reaches what {@link #readAll} returns.
     * A new leader calls it before it reads the state.
     */
    void claim(long term);

    /** Writes {@code bytes} under {@code name}, replacing any earlier entry, before returning. */
    void put(String name, byte[] bytes, long term);

    /** Removes the entry; nothing if there is none. */
    void remove(String name, long term);

    /** Every entry whose name starts with {@code prefix}, in no particular order. */
    List<byte[]> readAll(String prefix);

    @Override
    void close();
}

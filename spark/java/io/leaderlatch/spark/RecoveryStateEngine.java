package io.leaderlatch.spark;

import org.apache.spark.deploy.master.PersistenceEngine;

/**
 * A Spark {@code PersistenceEngine} over a {@link RecoveryState}. Everything but {@code read}, whose
 * return type is a different Scala collection type in each Scala line: each line's
 * {@code LeaderLatchPersistenceEngine} adds it.
 */
abstract class RecoveryStateEngine extends PersistenceEngine {

    protected final RecoveryState state;

    RecoveryStateEngine(RecoveryState state) {
        this.state = state;
    }

    @Override
    public final void persist(String name, Object value) {
        state.persist(name, value);
    }

    @Override
    public final void unpersist(String name) {
        state.unpersist(name);
    }

    @Override
    public final void close() {
        state.close();
    }
}

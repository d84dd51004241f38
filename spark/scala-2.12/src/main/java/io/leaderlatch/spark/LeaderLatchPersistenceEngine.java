package io.leaderlatch.spark;

import scala.collection.JavaConverters;
import scala.collection.Seq;
import scala.reflect.ClassTag;

/** The persistence engine for Spark 3.5, where (Scala 2.12) {@code read} answers a {@code scala.collection.Seq}. */
final class LeaderLatchPersistenceEngine extends RecoveryStateEngine {

    LeaderLatchPersistenceEngine(RecoveryState state) {
        super(state);
    }

    @Override
    public <T> Seq<T> read(String prefix, ClassTag<T> type) {
        return JavaConverters.asScalaBufferConverter(state.read(prefix, type)).asScala().toList();
    }
}

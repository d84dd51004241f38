package io.leaderlatch.spark;

import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;

/** The persistence engine for Spark 4, where (Scala 2.13) {@code read} answers a {@code scala.collection.immutable.Seq}. */
final class LeaderLatchPersistenceEngine extends RecoveryStateEngine {

    LeaderLatchPersistenceEngine(RecoveryState state) {
        super(state);
    }

    @Override
    public <T> Seq<T> read(String prefix, ClassTag<T> type) {
        return CollectionConverters.asScala(state.read(prefix, type)).toList();
    }
}

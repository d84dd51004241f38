package io.leaderlatch.spark;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.serializer.Serializer;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * What a Spark {@code PersistenceEngine} does, without the Scala collection types that differ
 * between Scala lines: entries serialized with the master's own {@link Serializer} into a
 * {@link RecoveryStore}.
 */
public final class RecoveryState implements AutoCloseable {

    private final RecoveryStore store;
    private final Serializer serializer;

    RecoveryState(RecoveryStore store, Serializer serializer) {
        this.store = store;
        this.serializer = serializer;
    }

    /** Writes {@code value} under {@code name}. */
    public void persist(String name, Object value) {
        ByteBuffer buffer = serializer.newInstance().serialize(value, ClassTag$.MODULE$.AnyRef());
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        store.put(name, bytes);
    }

    /** Removes the entry under {@code name}. */
    public void unpersist(String name) {
        store.remove(name);
    }

    /** Every value stored under a name that starts with {@code prefix}. */
    public <T> List<T> read(String prefix, ClassTag<T> type) {
        List<T> values = new ArrayList<>();
        for (byte[] bytes : store.readAll(prefix)) {
            values.add(serializer.newInstance().deserialize(ByteBuffer.wrap(bytes), type));
        }
        return values;
    }

    @Override
    public void close() {
        store.close();
    }
}

package io.leaderlatch.spark;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.apache.spark.serializer.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * What a Spark {@code PersistenceEngine} does, without the Scala collection types that differ
 * between Scala lines: entries serialized with the master's own {@link Serializer} into a
 * {@link RecoveryStore}, each change made in the master's {@link MasterTerm}. The first read in a
 * term claims the state for it (a master reads the state once it is elected, before it changes
 * anything); a change the store refuses as fenced off makes the master step down.
 */
public final class RecoveryState implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RecoveryState.class);

    private final RecoveryStore store;
    private final Serializer serializer;
    private final MasterTerm term;
    /** The term the state was last claimed in; -1: never. */
    private long claimed = -1;

    RecoveryState(RecoveryStore store, Serializer serializer, MasterTerm term) {
        this.store = store;
        this.serializer = serializer;
        this.term = term;
    }

    /** Writes {@code value} under {@code name}. */
    public void persist(String name, Object value) {
        ByteBuffer buffer = serializer.newInstance().serialize(value, ClassTag$.MODULE$.AnyRef());
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        fenced("write " + name, current -> store.put(name, bytes, current));
    }

    /** Removes the entry under {@code name}. */
    public void unpersist(String name) {
        fenced("remove " + name, current -> store.remove(name, current));
    }

    /** Every value stored under a name that starts with {@code prefix}; claims the state first. */
    public <T> List<T> read(String prefix, ClassTag<T> type) {
        fenced("read the recovery state", current -> {
            // Spark reads three prefixes in a row when elected: one claim per term is enough.
            synchronized (this) {
                if (claimed != current) {
                    store.claim(current);
                    claimed = current;
                }
            }
        });
        List<T> values = new ArrayList<>();
        for (byte[] bytes : store.readAll(prefix)) {
            values.add(serializer.newInstance().deserialize(ByteBuffer.wrap(bytes), type));
        }
        return values;
    }

    /** A store call made in the current term; a refusal is logged and makes the master step down. */
    private void fenced(String what, LongConsumer call) {
        try {
            call.accept(term.forWrite());
        } catch (FencedOffException e) {
            LOG.error("Refused to {}: {}", what, e.getMessage());
            term.fencedOff();
            throw e;
        }
    }

    @Override
    public void close() {
        store.close();
    }
}

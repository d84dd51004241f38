package io.leaderlatch.spark;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The recovery state in Riak, in a strongly consistent bucket type, so that masters on any host
 * read what the last leader wrote. Riak cannot list keys cheaply, so beside one object per entry
 * ({@code <group>/entry/<name>}) an index object ({@code <group>/index}) lists the names, one a
 * line. Every write is conditional on the version read just before; a lost race (Riak answers
 * {@code failed}) is read and written again. Only the leading master writes, so races are rare.
 */
final class RiakRecoveryStore implements RecoveryStore {

    private static final int ATTEMPTS = 10;

    // Field numbers of riak_kv.proto.
    private static final int BUCKET = 1;
    private static final int KEY = 2;
    private static final int GET_TYPE = 13;
    private static final int GET_CONTENT = 1;
    private static final int GET_VCLOCK = 2;
    private static final int PUT_VCLOCK = 3;
    private static final int PUT_CONTENT = 4;
    private static final int PUT_TYPE = 16;
    private static final int DEL_VCLOCK = 4;
    private static final int DEL_TYPE = 13;
    private static final int CONTENT_VALUE = 1;

    private final List<InetSocketAddress> nodes;
    private final byte[] bucketType;
    private final byte[] bucket;
    private final String prefix;
    private RiakConnection connection;

    /** A stored value and the version it was read at; an absent object has neither. */
    private record Versioned(Optional<byte[]> value, Optional<byte[]> vclock) {
    }

    RiakRecoveryStore(List<InetSocketAddress> nodes, String bucketType, String bucket, String group) {
        this.nodes = List.copyOf(nodes);
        this.bucketType = bucketType.getBytes(StandardCharsets.UTF_8);
        this.bucket = bucket.getBytes(StandardCharsets.UTF_8);
        this.prefix = group + "/";
    }

    @Override
    public synchronized void put(String name, byte[] bytes) {
        update(entryKey(name), current -> bytes);
        update(indexKey(), index -> encodeNames(withName(decodeNames(index), name, true)));
    }

    @Override
    public synchronized void remove(String name) {
        update(indexKey(), index -> encodeNames(withName(decodeNames(index), name, false)));
        update(entryKey(name), current -> null);
    }

    @Override
    public synchronized List<byte[]> readAll(String namePrefix) {
        List<byte[]> entries = new ArrayList<>();
        for (String name : decodeNames(get(indexKey()).value().orElse(null))) {
            if (name.startsWith(namePrefix)) {
                // An entry listed but gone was removed after the index was read: skip it.
                get(entryKey(name)).value().ifPresent(entries::add);
            }
        }
        return entries;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
    }

    /** Reads {@code key} and writes {@code change(value)} (null: delete) at the version read, until no race is lost. */
    private void update(byte[] key, UnaryOperator<byte[]> change) {
        for (int attempt = 1; ; attempt++) {
            Versioned current = get(key);
            byte[] next = change.apply(current.value().orElse(null));
            try {
                if (next == null) {
                    if (current.vclock().isPresent()) {
                        delete(key, current.vclock().get());
                    }
                } else if (current.value().isEmpty() || !Arrays.equals(next, current.value().get())) {
                    put(key, next, current.vclock());
                }
                return;
            } catch (RiakConnection.RiakError e) {
                if (!e.conditionFailed() || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private Versioned get(byte[] key) {
        byte[] answer = call(RiakConnection.GET_REQ, new Protobuf.Writer()
                .bytes(BUCKET, bucket).bytes(KEY, key).bytes(GET_TYPE, bucketType).toByteArray(),
                RiakConnection.GET_RESP);
        Optional<byte[]> value = Protobuf.bytesField(answer, GET_CONTENT)
                .flatMap(content -> Protobuf.bytesField(content, CONTENT_VALUE).or(() -> Optional.of(new byte[0])));
        return new Versioned(value, value.isPresent() ? Protobuf.bytesField(answer, GET_VCLOCK) : Optional.empty());
    }

    private void put(byte[] key, byte[] value, Optional<byte[]> vclock) {
        Protobuf.Writer request = new Protobuf.Writer().bytes(BUCKET, bucket).bytes(KEY, key);
        vclock.ifPresent(v -> request.bytes(PUT_VCLOCK, v));
        request.bytes(PUT_CONTENT, new Protobuf.Writer().bytes(CONTENT_VALUE, value).toByteArray())
                .bytes(PUT_TYPE, bucketType);
        call(RiakConnection.PUT_REQ, request.toByteArray(), RiakConnection.PUT_RESP);
    }

    private void delete(byte[] key, byte[] vclock) {
        call(RiakConnection.DEL_REQ, new Protobuf.Writer().bytes(BUCKET, bucket).bytes(KEY, key)
                .bytes(DEL_VCLOCK, vclock).bytes(DEL_TYPE, bucketType).toByteArray(), RiakConnection.DEL_RESP);
    }

    /** One request; on a broken connection, once more on a new one (to the next node that answers). */
    private byte[] call(byte code, byte[] body, byte expected) {
        try {
            return connection().request(code, body, expected);
        } catch (UncheckedIOException brokenConnection) {
            return connection().request(code, body, expected);
        }
    }

    private RiakConnection connection() {
        if (connection == null || connection.isClosed()) {
            connection = RiakConnection.open(nodes);
        }
        return connection;
    }

    private byte[] entryKey(String name) {
        return (prefix + "entry/" + name).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] indexKey() {
        return (prefix + "index").getBytes(StandardCharsets.UTF_8);
    }

    private static Set<String> decodeNames(byte[] index) {
        Set<String> names = new LinkedHashSet<>();
        if (index != null) {
            for (String line : new String(index, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty()) {
                    names.add(line);
                }
            }
        }
        return names;
    }

    private static Set<String> withName(Set<String> names, String name, boolean present) {
        Set<String> changed = new LinkedHashSet<>(names);
        if (present) {
            changed.add(name);
        } else {
            changed.remove(name);
        }
        return changed;
    }

    private static byte[] encodeNames(Set<String> names) {
        return String.join("\n", names).getBytes(StandardCharsets.UTF_8);
    }
}

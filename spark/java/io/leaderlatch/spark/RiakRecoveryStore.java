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
 * line; only listed entries are part of the state. Every write is conditional on the version read
 * just before; a lost race (Riak answers {@code failed}) is read and written again.
 *
 * <p>Fencing: the index and every entry carry a term in their user metadata ({@code term}), the
 * newest term that wrote them. A change in an older term than the one it finds is refused, on
 * the entry and on the index alike, and each check is part of a conditional write, so a change
 * read at one version cannot land on a newer one. A new leader's claim raises the index's term and
 * then re-writes every listed entry with it; a stale master's change in flight across a claim is
 * then refused at whichever object it reaches next: an update of a listed entry at the entry, a
 * new name at the index (the entry it wrote first is not listed, so nobody reads it), a removal at
 * the index. Objects written before terms have none, read as term 0.
 */
final class RiakRecoveryStore implements RecoveryStore {

    private static final int ATTEMPTS = 10;
    private static final byte[] TERM_KEY = "term".getBytes(StandardCharsets.US_ASCII);

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
    private static final int CONTENT_USERMETA = 9;
    private static final int PAIR_KEY = 1;
    private static final int PAIR_VALUE = 2;

    private final List<InetSocketAddress> nodes;
    private final byte[] bucketType;
    private final byte[] bucket;
    private final String group;
    private final String prefix;
    private RiakConnection connection;

    /** An object's value and the term stored with it. */
    private record Stored(byte[] value, long term) {
    }

    /** A stored object and the version it was read at; an absent object has neither. */
    private record Versioned(Optional<Stored> stored, Optional<byte[]> vclock) {
    }

    RiakRecoveryStore(List<InetSocketAddress> nodes, String bucketType, String bucket, String group) {
        this.nodes = List.copyOf(nodes);
        this.bucketType = bucketType.getBytes(StandardCharsets.UTF_8);
        this.bucket = bucket.getBytes(StandardCharsets.UTF_8);
        this.group = group;
        this.prefix = group + "/";
    }

    @Override
    public synchronized void claim(long term) {
        Set<String> names = decodeNames(update(indexKey(), index -> {
            long stored = index.map(Stored::term).orElse(0L);
            check(term, stored);
            return Optional.of(new Stored(index.map(Stored::value).orElse(new byte[0]), Math.max(stored, term)));
        }));
        for (String name : names) {
            update(entryKey(name), entry -> entry.map(current -> {
                check(term, current.term());
                return new Stored(current.value(), Math.max(current.term(), term));
            }));
        }
    }

    @Override
    public synchronized void put(String name, byte[] bytes, long term) {
        // The entry first: until the index lists it, nobody reads it.
        update(entryKey(name), entry -> {
            long stored = entry.map(Stored::term).orElse(0L);
            check(term, stored);
            return Optional.of(new Stored(bytes, Math.max(stored, term)));
        });
        update(indexKey(), index -> {
            long stored = index.map(Stored::term).orElse(0L);
            check(term, stored);
            return Optional.of(new Stored(encodeNames(withName(decodeNames(index), name, true)), Math.max(stored, term)));
        });
    }

    @Override
    public synchronized void remove(String name, long term) {
        // The index first: once it no longer lists the entry, nobody reads it.
        update(indexKey(), index -> {
            long stored = index.map(Stored::term).orElse(0L);
            check(term, stored);
            return Optional.of(new Stored(encodeNames(withName(decodeNames(index), name, false)), Math.max(stored, term)));
        });
        update(entryKey(name), entry -> {
            entry.ifPresent(current -> check(term, current.term()));
            return Optional.empty();
        });
    }

    @Override
    public synchronized List<byte[]> readAll(String namePrefix) {
        List<byte[]> entries = new ArrayList<>();
        for (String name : decodeNames(get(indexKey()).stored())) {
            if (name.startsWith(namePrefix)) {
                // An entry listed but gone was removed after the index was read: skip it.
                get(entryKey(name)).stored().ifPresent(entry -> entries.add(entry.value()));
            }
        }
        return entries;
    }

    /** The term stored with the index: the newest that claimed or changed the state; 0 if none. */
    synchronized long storedTerm() {
        return get(indexKey()).stored().map(Stored::term).orElse(0L);
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
    }

    private void check(long term, long stored) {
        if (term != MasterTerm.UNFENCED && stored > term) {
            throw FencedOffException.olderTerm(term, stored, "the recovery state of group " + group + " in Riak");
        }
    }

    /**
     * Reads {@code key} and writes {@code change(stored)} (empty: delete) at the version read, until
     * no race is lost; returns what is stored then.
     */
    private Optional<Stored> update(byte[] key, UnaryOperator<Optional<Stored>> change) {
        for (int attempt = 1; ; attempt++) {
            Versioned current = get(key);
            Optional<Stored> next = change.apply(current.stored());
            try {
                if (next.isEmpty()) {
                    if (current.vclock().isPresent()) {
                        delete(key, current.vclock().get());
                    }
                } else if (current.stored().isEmpty() || !same(next.get(), current.stored().get())) {
                    put(key, next.get(), current.vclock());
                }
                return next;
            } catch (RiakConnection.RiakError e) {
                if (!e.conditionFailed() || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static boolean same(Stored a, Stored b) {
        return a.term() == b.term() && Arrays.equals(a.value(), b.value());
    }

    private Versioned get(byte[] key) {
        byte[] answer = call(RiakConnection.GET_REQ, new Protobuf.Writer()
                .bytes(BUCKET, bucket).bytes(KEY, key).bytes(GET_TYPE, bucketType).toByteArray(),
                RiakConnection.GET_RESP);
        Optional<Stored> stored = Protobuf.bytesField(answer, GET_CONTENT).map(content -> new Stored(
                Protobuf.bytesField(content, CONTENT_VALUE).orElse(new byte[0]), term(content)));
        return new Versioned(stored, stored.isPresent() ? Protobuf.bytesField(answer, GET_VCLOCK) : Optional.empty());
    }

    /** The {@code term} pair of a content's user metadata; 0 without one (written before terms). */
    private static long term(byte[] content) {
        for (byte[] pair : Protobuf.bytesFields(content, CONTENT_USERMETA)) {
            if (Arrays.equals(Protobuf.bytesField(pair, PAIR_KEY).orElse(null), TERM_KEY)) {
                String value = new String(Protobuf.bytesField(pair, PAIR_VALUE).orElse(new byte[0]), StandardCharsets.US_ASCII);
                try {
                    return Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new IllegalStateException("not a term in the recovery state's metadata: '" + value + "'", e);
                }
            }
        }
        return 0;
    }

    private void put(byte[] key, Stored stored, Optional<byte[]> vclock) {
        Protobuf.Writer request = new Protobuf.Writer().bytes(BUCKET, bucket).bytes(KEY, key);
        vclock.ifPresent(v -> request.bytes(PUT_VCLOCK, v));
        Protobuf.Writer content = new Protobuf.Writer().bytes(CONTENT_VALUE, stored.value());
        if (stored.term() > 0) {
            content.bytes(CONTENT_USERMETA, new Protobuf.Writer().bytes(PAIR_KEY, TERM_KEY)
                    .bytes(PAIR_VALUE, Long.toString(stored.term()).getBytes(StandardCharsets.US_ASCII)).toByteArray());
        }
        request.bytes(PUT_CONTENT, content.toByteArray()).bytes(PUT_TYPE, bucketType);
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

    private static Set<String> decodeNames(Optional<Stored> index) {
        Set<String> names = new LinkedHashSet<>();
        if (index.isPresent()) {
            for (String line : new String(index.get().value(), StandardCharsets.UTF_8).split("\n")) {
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

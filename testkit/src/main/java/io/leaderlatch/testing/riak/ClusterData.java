package io.leaderlatch.testing.riak;

import shaded.com.basho.riak.protobuf.RiakKvPB.RpbContent;
import shaded.com.google.protobuf.ByteString;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The state every node of a test cluster shares, and the rules Riak applies to writes. Every
 * method holds this object's lock, so each request is applied atomically, whichever node takes it.
 *
 * <p>In a consistent bucket type a write states what it expects to find: no vclock means "the
 * key is absent", a vclock means "exactly this version". A write whose expectation does not hold
 * fails with {@value RiakError#FAILED}. In other bucket types writes always win.
 */
final class ClusterData {

    /** What a key holds: the content as the client stored it, and its version. */
    record Stored(RpbContent content, ByteString vclock) {
    }

    private record Id(String type, ByteString bucket, ByteString key) {
    }

    private final Map<String, Boolean> consistentByType = new HashMap<>();
    private final Map<Id, Stored> objects = new HashMap<>();
    private final Vclocks vclocks = new Vclocks();
    /** A broken world for tests that must see a checker fail: every write wins, as in no real Riak. */
    private boolean ignoreConditions;
    /** Another broken world: writes to keys with this prefix are acknowledged and dropped ("" for none). */
    private String unstoredPrefix = "";

    ClusterData() {
        consistentByType.put("default", false);
        consistentByType.put("strong", true);
    }

    synchronized void createBucketType(String name, boolean consistent) {
        Boolean existing = consistentByType.putIfAbsent(name, consistent);
        if (existing != null && existing != consistent) {
            // Riak cannot change the consistency of a bucket type once it is active either.
            throw new IllegalStateException("bucket type " + name + " exists with consistent=" + existing);
        }
    }

    synchronized void ignoreConditions(boolean ignore) {
        ignoreConditions = ignore;
    }

    synchronized void acknowledgeWithoutStoring(String keyPrefix) {
        unstoredPrefix = keyPrefix;
    }

    synchronized Optional<Stored> get(String type, ByteString bucket, ByteString key) {
        checkType(type);
        return Optional.ofNullable(objects.get(new Id(type, bucket, key)));
    }

    synchronized Stored put(String type, ByteString bucket, ByteString key, Optional<ByteString> vclock,
                            boolean ifNoneMatch, RpbContent content) {
        if (unstored(key)) {
            return new Stored(content, vclocks.next());
        }
        boolean consistent = checkType(type) && !ignoreConditions;
        Id id = new Id(type, bucket, key);
        Stored current = objects.get(id);
        if (consistent) {
            if (!expectationHolds(vclock, current) || ifNoneMatch && current != null) {
                throw new RiakError(RiakError.FAILED);
            }
        } else if (ifNoneMatch && current != null && !ignoreConditions) {
            throw new RiakError(RiakError.MATCH_FOUND);
        }
        Stored stored = new Stored(content, vclocks.next());
        objects.put(id, stored);
        return stored;
    }

    synchronized void delete(String type, ByteString bucket, ByteString key, Optional<ByteString> vclock) {
        if (unstored(key)) {
            return;
        }
        boolean consistent = checkType(type) && !ignoreConditions;
        Id id = new Id(type, bucket, key);
        if (consistent && !expectationHolds(vclock, objects.get(id))) {
            throw new RiakError(RiakError.FAILED);
        }
        objects.remove(id);
    }

    synchronized Optional<byte[]> value(String type, String bucket, String key) {
        Stored stored = objects.get(new Id(type, ByteString.copyFromUtf8(bucket), ByteString.copyFromUtf8(key)));
        return Optional.ofNullable(stored).map(s -> s.content().getValue().toByteArray());
    }

    synchronized Set<String> keys(String type, String bucket) {
        ByteString bucketBytes = ByteString.copyFromUtf8(bucket);
        Set<String> keys = new TreeSet<>();
        objects.keySet().stream()
                .filter(id -> id.type().equals(type) && id.bucket().equals(bucketBytes))
                .forEach(id -> keys.add(id.key().toStringUtf8()));
        return Collections.unmodifiableSet(keys);
    }

    synchronized void clear() {
        objects.clear();
    }

    private boolean unstored(ByteString key) {
        return !unstoredPrefix.isEmpty() && key.toStringUtf8().startsWith(unstoredPrefix);
    }

    /** Whether the type is consistent; {@value RiakError#NO_TYPE} if the cluster does not have it. */
    private boolean checkType(String type) {
        Boolean consistent = consistentByType.get(type);
        if (consistent == null) {
            throw new RiakError(RiakError.NO_TYPE);
        }
        return consistent;
    }

    private static boolean expectationHolds(Optional<ByteString> vclock, Stored current) {
        return vclock.map(expected -> current != null && expected.equals(current.vclock())).orElse(current == null);
    }
}

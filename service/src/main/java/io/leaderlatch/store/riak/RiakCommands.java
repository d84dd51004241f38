package io.leaderlatch.store.riak;

import com.basho.riak.client.api.cap.BasicVClock;
import com.basho.riak.client.api.cap.VClock;
import com.basho.riak.client.api.commands.kv.DeleteValue;
import com.basho.riak.client.api.commands.kv.FetchValue;
import com.basho.riak.client.api.commands.kv.StoreValue;
import com.basho.riak.client.core.query.Location;
import com.basho.riak.client.core.query.Namespace;
import com.basho.riak.client.core.query.RiakObject;
import com.basho.riak.client.core.util.BinaryValue;
import io.leaderlatch.store.Version;

import java.util.Optional;

/**
 * Builds the riak-client commands for keys of one bucket. Each carries Riak's own request
 * timeout, so a node stops working on a request about when the caller stops waiting for it.
 */
final class RiakCommands {

    private static final String CONTENT_TYPE = "application/octet-stream";

    private final Namespace namespace;
    private final int timeoutMillis;

    RiakCommands(String bucketType, String bucket, int timeoutMillis) {
        this.namespace = new Namespace(bucketType, bucket);
        this.timeoutMillis = timeoutMillis;
    }

    FetchValue fetch(String key) {
        return new FetchValue.Builder(location(key)).withTimeout(timeoutMillis).build();
    }

    /**
     * A put without a version: in a strongly consistent bucket type Riak applies it only if the
     * key holds no record. The answer carries the new version.
     */
    StoreValue create(String key, byte[] value) {
        return store(key, value).build();
    }

    /** A put that Riak applies only if {@code expected} is the key's current version. */
    StoreValue replace(String key, Version expected, byte[] value) {
        return store(key, value).withVectorClock(vclock(expected)).build();
    }

    /** A delete that Riak applies only if {@code expected} is the key's current version. */
    DeleteValue delete(String key, Version expected) {
        return new DeleteValue.Builder(location(key)).withVClock(vclock(expected)).withTimeout(timeoutMillis).build();
    }

    /** The version a response carries; empty when Riak sent none. */
    static Optional<Version> version(VClock vclock) {
        byte[] bytes = vclock == null ? new byte[0] : vclock.getBytes();
        return bytes.length == 0 ? Optional.empty() : Optional.of(Version.of(bytes));
    }

    private StoreValue.Builder store(String key, byte[] value) {
        RiakObject object = new RiakObject().setContentType(CONTENT_TYPE).setValue(BinaryValue.create(value));
        return new StoreValue.Builder(object)
                .withLocation(location(key))
                .withOption(StoreValue.Option.RETURN_HEAD, true)
                .withTimeout(timeoutMillis);
    }

    private Location location(String key) {
        return new Location(namespace, key);
    }

    private static VClock vclock(Version version) {
        return new BasicVClock(version.token());
    }
}

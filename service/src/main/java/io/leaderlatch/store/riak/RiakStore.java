package io.leaderlatch.store.riak;

import com.basho.riak.client.api.commands.kv.FetchValue;
import com.basho.riak.client.api.commands.kv.StoreValue;
import com.basho.riak.client.core.query.RiakObject;
import com.basho.riak.client.core.util.BinaryValue;
import io.leaderlatch.store.Conflict;
import io.leaderlatch.store.ElectionStore;
import io.leaderlatch.store.Found;
import io.leaderlatch.store.NotFound;
import io.leaderlatch.store.ReadOutcome;
import io.leaderlatch.store.Unavailable;
import io.leaderlatch.store.Version;
import io.leaderlatch.store.WriteOutcome;
import io.leaderlatch.store.Written;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The election store in a Riak bucket of a strongly consistent bucket type, through riak-client's
 * asynchronous API. Riak enforces every condition: a put without a version creates, a put or
 * delete with a version applies only at the current version, anything else answers
 * {@code failed}, which becomes {@link Conflict}.
 *
 * <p>Nothing blocks the caller, and no request is retried: a request that may have been applied
 * but was not confirmed answers {@link Unavailable#outcomeUnknown()}. Futures may complete on the
 * Riak client's I/O threads; chain anything slow with the {@code *Async} methods.
 */
public final class RiakStore implements ElectionStore {

    private final RiakStoreOptions options;
    private final RiakCommands commands;
    private final RiakOutcomes outcomes;
    private final RiakTransport transport;

    /**
     * Starts a client for {@code options}' endpoints; it opens connections when the first requests
     * need them. An endpoint whose host name does not resolve yet is tried again until it does;
     * while none resolves, requests answer {@link Unavailable}.
     */
    public RiakStore(RiakStoreOptions options) {
        this(options, new RiakTransport(options));
    }

    RiakStore(RiakStoreOptions options, RiakTransport transport) {
        this.options = options;
        this.commands = new RiakCommands(options.bucketType(), options.bucket(),
                Math.toIntExact(options.requestTimeout().toMillis()));
        this.outcomes = new RiakOutcomes(options.bucketType());
        this.transport = transport;
    }

    @Override
    public CompletableFuture<ReadOutcome> get(String key) {
        return transport.execute(commands.fetch(key))
                .handle((response, error) -> error == null ? read(response) : outcomes.read(error));
    }

    @Override
    public CompletableFuture<WriteOutcome> create(String key, byte[] value) {
        return written(transport.execute(commands.create(key, value)));
    }

    @Override
    public CompletableFuture<WriteOutcome> compareAndSet(String key, Version expected, byte[] value) {
        if (expected.equals(Version.NONE)) {
            // No record is at the version of a deleted record, and a put without a version would
            // be a create.
            return CompletableFuture.completedFuture(new Conflict());
        }
        return written(transport.execute(commands.replace(key, expected, value)));
    }

    @Override
    public CompletableFuture<WriteOutcome> delete(String key, Version expected) {
        if (expected.equals(Version.NONE)) {
            return CompletableFuture.completedFuture(new Conflict());
        }
        return transport.execute(commands.delete(key, expected))
                .handle((ignored, error) -> error == null ? new Written(Version.NONE) : outcomes.write(error));
    }

    /**
     * Reads, writes and deletes a probe key: empty when the bucket type exists, is strongly
     * consistent and has quorum; otherwise what is wrong and how to fix it.
     */
    @Override
    public CompletableFuture<Optional<String>> diagnose() {
        return new RiakDiagnosis(options, commands, transport).run();
    }

    /** The queue of requests waiting for a connection, for metrics. */
    public RequestQueueStats requestQueue() {
        return transport.queueStats();
    }

    @Override
    public String describe() {
        return "riak bucket-type " + options.bucketType() + ", bucket " + options.bucket()
                + ", endpoints " + Endpoints.format(options.endpoints());
    }

    /** Answers outstanding requests {@link Unavailable} and stops the client; blocks briefly. */
    @Override
    public void close() {
        transport.close();
    }

    private static ReadOutcome read(FetchValue.Response response) {
        List<RiakObject> values = response.isNotFound() ? List.of() : response.getValues();
        if (values.isEmpty() || values.size() == 1 && values.get(0).isDeleted()) {
            return new NotFound();
        }
        if (values.size() > 1) {
            // Only a bucket type without strong consistency keeps siblings.
            return Unavailable.of(values.size() + " sibling values under one key: the bucket type is not strongly consistent");
        }
        Optional<Version> version = RiakCommands.version(response.getVectorClock());
        if (version.isEmpty()) {
            return Unavailable.of("Riak returned a record without its version");
        }
        BinaryValue value = values.get(0).getValue();
        return new Found(value == null ? new byte[0] : value.getValue(), version.get());
    }

    private CompletableFuture<WriteOutcome> written(CompletableFuture<StoreValue.Response> put) {
        return put.handle((response, error) -> {
            if (error != null) {
                return outcomes.write(error);
            }
            // Applied, but without its new version the caller must read the record again.
            return RiakCommands.version(response.getVectorClock())
                    .<WriteOutcome>map(Written::new)
                    .orElseGet(() -> Unavailable.unknownOutcome("Riak applied the write but returned no version"));
        });
    }
}

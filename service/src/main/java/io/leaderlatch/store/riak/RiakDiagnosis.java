package io.leaderlatch.store.riak;

import com.basho.riak.client.api.RiakCommand;
import com.basho.riak.client.api.commands.kv.StoreValue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Finds out whether Riak can hold elections, with the requests the store itself makes: a read,
 * two puts without a version and a delete of a probe key. In a strongly consistent bucket type
 * the second put answers {@code failed}; anywhere else it succeeds, and conditional writes would
 * silently not be enforced. Each problem becomes one message saying what to do.
 */
final class RiakDiagnosis {

    private record Reply<T>(T response, Throwable error) {
    }

    private static final byte[] PROBE = "leader-latch probe".getBytes(StandardCharsets.US_ASCII);

    private final RiakStoreOptions options;
    private final RiakCommands commands;
    private final RiakTransport transport;

    RiakDiagnosis(RiakStoreOptions options, RiakCommands commands, RiakTransport transport) {
        this.options = options;
        this.commands = commands;
        this.transport = transport;
    }

    CompletableFuture<Optional<String>> run() {
        String key = "probe/" + UUID.randomUUID();
        return send(commands.fetch(key)).thenCompose(read -> read.error() != null
                ? CompletableFuture.completedFuture(Optional.of(explain(RiakFailure.of(read.error()))))
                : probeWrites(key));
    }

    private CompletableFuture<Optional<String>> probeWrites(String key) {
        return send(commands.create(key, PROBE)).thenCompose(first -> {
            if (first.error() != null) {
                return CompletableFuture.completedFuture(verdict(RiakFailure.of(first.error())));
            }
            return send(commands.create(key, PROBE)).thenCompose(second -> {
                if (second.error() != null) {
                    return cleanUp(key, first.response()).thenApply(done -> verdict(RiakFailure.of(second.error())));
                }
                return cleanUp(key, second.response()).thenApply(done -> Optional.of(notConsistent()));
            });
        });
    }

    /** {@code failed} to a put without a version proves the bucket type enforces conditions. */
    private Optional<String> verdict(RiakFailure failure) {
        return failure.kind() == RiakFailure.Kind.CONDITION_FAILED ? Optional.empty() : Optional.of(explain(failure));
    }

    /** Deletes the probe record at its latest version; a failure leaves a small record behind. */
    private CompletableFuture<Void> cleanUp(String key, StoreValue.Response latest) {
        return RiakCommands.version(latest.getVectorClock())
                .map(version -> send(commands.delete(key, version)).<Void>thenApply(reply -> null))
                .orElseGet(() -> CompletableFuture.completedFuture(null));
    }

    private <T, S> CompletableFuture<Reply<T>> send(RiakCommand<T, S> command) {
        return transport.execute(command).handle(Reply::new);
    }

    private String explain(RiakFailure failure) {
        String type = options.bucketType();
        String endpoints = Endpoints.format(options.endpoints());
        return switch (failure.kind()) {
            case UNREACHABLE -> "Riak is unreachable: no connection could be opened to any of " + endpoints
                    + ". Check that the Riak nodes are running and that these are their protocol buffers"
                    + " listeners (listener.protobuf in riak.conf).";
            case CONNECTION_LOST -> "A request to Riak (" + endpoints + ") failed: " + failure.detail()
                    + ". Check that these are Riak protocol buffers listeners"
                    + " (listener.protobuf in riak.conf) and that the nodes are healthy.";
            case NO_ANSWER -> "Riak (" + endpoints + ") did not answer within " + options.requestTimeout().toMillis()
                    + " ms: the nodes are overloaded or stalled, or fewer than a majority of them are up."
                    + " Check `riak admin ensemble-status`.";
            case RIAK_TIMEOUT -> "Riak answered timeout in bucket type '" + type + "': the key's ensemble has no"
                    + " quorum (fewer than a majority of its nodes are up) or is too slow. Check"
                    + " `riak admin ensemble-status` and start the missing nodes; strong consistency needs"
                    + " at least 3 nodes.";
            case CONSISTENCY_OFF -> "Riak answered unavailable in bucket type '" + type + "': strong consistency"
                    + " is off. Set `strong_consistency = on` in riak.conf on every node, restart the nodes,"
                    + " and check `riak admin ensemble-status`; strong consistency needs at least 3 nodes.";
            case NO_BUCKET_TYPE -> "The Riak bucket type '" + type + "' does not exist. Create it strongly"
                    + " consistent and activate it: " + createCommands(type);
            case CONDITION_FAILED, OTHER_REPLY -> failure.detail() + " to a request in bucket type '" + type
                    + "', bucket '" + options.bucket() + "'. See the Riak nodes' logs.";
            case NOT_SENT, CLOSED -> "No request could be sent to Riak: " + failure.detail() + ".";
        };
    }

    private String notConsistent() {
        String type = options.bucketType();
        String suggested = type.equals("strong") ? "strong_consistent" : "strong";
        return "The Riak bucket type '" + type + "' is not strongly consistent: a write without the"
                + " record's version replaced an existing record instead of failing, so conditional writes"
                + " would not be enforced. Create a strongly consistent bucket type, activate it and set"
                + " leader-latch.riak.bucket-type to it: " + createCommands(suggested);
    }

    private static String createCommands(String type) {
        return "`riak admin bucket-type create " + type + " '{\"props\":{\"consistent\":true}}'`, then"
                + " `riak admin bucket-type activate " + type + "`.";
    }
}

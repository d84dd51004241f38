package io.leaderlatch.election;

import io.leaderlatch.store.Conflict;
import io.leaderlatch.store.ElectionStore;
import io.leaderlatch.store.Found;
import io.leaderlatch.store.NotFound;
import io.leaderlatch.store.ReadOutcome;
import io.leaderlatch.store.Unavailable;
import io.leaderlatch.store.Version;
import io.leaderlatch.store.WriteOutcome;
import io.leaderlatch.store.Written;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * The list of registered instances, key {@code instances}: Riak cannot list keys cheaply, and every
 * instance must watch every other one's heartbeat (not only those it shares groups with), so that a
 * dead instance's members are cleared from every group within a lease, wherever they are.
 *
 * <pre>
 * leader-latch-instances 1
 * instance riak@10.0.0.1/5f2c0a1b9e33
 * instance riak@10.0.0.2/91ab77c0de12
 * </pre>
 *
 * <p>An instance adds itself once its instance record exists and before it serves; it removes
 * itself at a clean stop, and whoever finds an instance's record gone (declared dead, or stopped)
 * removes it. Written only by compare-and-set, retried after a re-read when another instance got
 * there first: a few writes per start and stop, none at rest.
 */
final class InstanceIndex {

    static final String KEY = "instances";

    private static final String HEADER = "leader-latch-instances 1";
    private static final String INSTANCE = "instance ";
    private static final int ATTEMPTS = 20;

    /** The listed ids and the version they were read at ({@code null}: no record yet). */
    record Listing(Set<String> ids, Version version) {
    }

    private final ElectionStore store;

    InstanceIndex(ElectionStore store) {
        this.store = store;
    }

    /** Reads the list; completes exceptionally with the reason when the store cannot say. */
    CompletableFuture<Listing> read() {
        return store.get(KEY).thenApply(InstanceIndex::listing);
    }

    /** Adds {@code id}; completes with whether the index now lists it. */
    CompletableFuture<Boolean> add(String id) {
        return change(ids -> {
            ids.add(id);
            return ids;
        }, ATTEMPTS);
    }

    /** Removes {@code id}; completes with whether the index no longer lists it. */
    CompletableFuture<Boolean> remove(String id) {
        return change(ids -> {
            ids.remove(id);
            return ids;
        }, ATTEMPTS);
    }

    private CompletableFuture<Boolean> change(UnaryOperator<Set<String>> edit, int attempts) {
        return read().thenCompose(listing -> {
            Set<String> next = edit.apply(new TreeSet<>(listing.ids()));
            if (next.equals(listing.ids())) {
                return CompletableFuture.completedFuture(true);
            }
            CompletableFuture<WriteOutcome> write = listing.version() == null
                    ? store.create(KEY, encode(next))
                    : store.compareAndSet(KEY, listing.version(), encode(next));
            return write.thenCompose(outcome -> {
                if (outcome instanceof Written) {
                    return CompletableFuture.completedFuture(true);
                }
                if (outcome instanceof Conflict && attempts > 1) {
                    return change(edit, attempts - 1);
                }
                return CompletableFuture.completedFuture(false);
            });
        }).exceptionally(error -> false);
    }

    static byte[] encode(Set<String> ids) {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (String id : new TreeSet<>(ids)) {
            text.append(INSTANCE).append(id).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Parses a stored index; throws {@link IllegalArgumentException} for anything else. */
    static Set<String> decode(byte[] bytes) {
        String[] lines = new String(bytes, StandardCharsets.US_ASCII).split("\n");
        if (lines.length < 1 || !lines[0].equals(HEADER)) {
            throw new IllegalArgumentException("not a leader-latch instance index");
        }
        Set<String> ids = new TreeSet<>();
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].startsWith(INSTANCE) || lines[i].length() == INSTANCE.length()) {
                throw new IllegalArgumentException("bad line " + (i + 1) + " in the instance index");
            }
            ids.add(lines[i].substring(INSTANCE.length()));
        }
        return ids;
    }

    private static Listing listing(ReadOutcome outcome) {
        if (outcome instanceof Found found) {
            return new Listing(decode(found.value()), found.version());
        }
        if (outcome instanceof NotFound) {
            return new Listing(Set.of(), null);
        }
        throw new IllegalStateException(((Unavailable) outcome).reason());
    }
}

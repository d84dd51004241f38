package io.leaderlatch.realriak;

import io.leaderlatch.store.Conflict;
import io.leaderlatch.store.ElectionStore;
import io.leaderlatch.store.Found;
import io.leaderlatch.store.NotFound;
import io.leaderlatch.store.Unavailable;
import io.leaderlatch.store.Version;
import io.leaderlatch.store.Written;
import io.leaderlatch.store.riak.RiakStore;
import io.leaderlatch.store.riak.RiakStoreOptions;
import io.leaderlatch.testing.riak.RealRiak;
import io.leaderlatch.testing.riak.RealRiakCluster;
import io.leaderlatch.testing.riak.RiakTestCluster;
import io.leaderlatch.testing.service.RealRiakStores;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Riak protocol test server must answer as real Riak does wherever the two were compared: the
 * same requests, through the same store, give the same outcomes. docs/reliability.md ("The Riak
 * protocol test server against real Riak") lists what was compared.
 */
@RealRiak
class ParityWithRealRiakTest {

    private final RealRiakCluster riak = RealRiakCluster.fromEnvironment().orElseThrow();

    @Test
    void conditionalWritesReadsAndDeletesAnswerAlike() {
        List<String> real;
        try (RiakStore store = RealRiakStores.open(riak, RealRiakCluster.freshBucket("parity"), Duration.ofSeconds(5))) {
            real = script(store);
        }
        List<String> test;
        try (RiakTestCluster cluster = RiakTestCluster.start(3);
             RiakStore store = new RiakStore(new RiakStoreOptions(cluster.endpoints(), "strong", "parity",
                     Duration.ofSeconds(5), Duration.ofSeconds(2), 8, 1024))) {
            test = script(store);
        }
        assertThat(test).isEqualTo(real);
    }

    /** Each step and the kind of its outcome. */
    private static List<String> script(ElectionStore store) {
        List<String> steps = new ArrayList<>();
        step(steps, "get of a missing key", store.get("k").join());
        Written one = (Written) step(steps, "create", store.create("k", bytes("1")).join());
        step(steps, "create of an existing key", store.create("k", bytes("2")).join());
        Written two = (Written) step(steps, "compare-and-set at the current version",
                store.compareAndSet("k", one.version(), bytes("2")).join());
        step(steps, "compare-and-set at a stale version", store.compareAndSet("k", one.version(), bytes("3")).join());
        step(steps, "delete at a stale version", store.delete("k", one.version()).join());
        step(steps, "get", store.get("k").join());
        step(steps, "delete at the current version", store.delete("k", two.version()).join());
        step(steps, "get of a deleted key", store.get("k").join());
        step(steps, "delete of a deleted key at its last version", store.delete("k", two.version()).join());
        step(steps, "compare-and-set of a deleted key at its last version",
                store.compareAndSet("k", two.version(), bytes("x")).join());
        Written again = (Written) step(steps, "create after a delete", store.create("k", bytes("again")).join());
        step(steps, "compare-and-set at a version from before the delete",
                store.compareAndSet("k", two.version(), bytes("y")).join());
        step(steps, "delete of a missing key with another key's version", store.delete("z", again.version()).join());
        step(steps, "compare-and-set of a missing key with another key's version",
                store.compareAndSet("z", again.version(), bytes("z")).join());
        step(steps, "get of that key", store.get("z").join());
        step(steps, "compare-and-set at no version", store.compareAndSet("k", Version.NONE, bytes("n")).join());
        step(steps, "diagnosis", store.diagnose().join().map(problem -> "problem").orElse("ready"));
        return steps;
    }

    private static Object step(List<String> steps, String what, Object outcome) {
        steps.add(what + ": " + kind(outcome));
        return outcome;
    }

    static String kind(Object outcome) {
        if (outcome instanceof Found found) {
            return "found " + new String(found.value(), StandardCharsets.US_ASCII);
        } else if (outcome instanceof NotFound) {
            return "not found";
        } else if (outcome instanceof Written) {
            return "written";
        } else if (outcome instanceof Conflict) {
            return "conflict";
        } else if (outcome instanceof Unavailable unavailable) {
            return "unavailable" + (unavailable.outcomeUnknown() ? " (outcome unknown)" : "");
        }
        return String.valueOf(outcome);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

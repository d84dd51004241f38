package io.leaderlatch.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** The persistence engine on Riak: the project's Riak protocol test server, in a JVM of its own. */
class RiakPersistenceEngineTest extends PersistenceEngineContract {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    private static RiakTestServer riak;
    private String group;

    @BeforeAll
    static void startRiak() throws IOException {
        riak = RiakTestServer.start(Files.createDirectories(dir.resolve("logs")), 3);
    }

    @AfterAll
    static void stopRiak() {
        if (riak != null) {
            riak.close();
        }
    }

    @org.junit.jupiter.api.BeforeEach
    void groupPerTest(TestInfo test) {
        group = "spark-" + test.getTestMethod().orElseThrow().getName();
    }

    @Override
    RecoveryStore store() {
        return new RiakRecoveryStore(riak.nodes(), "strong", "spark-recovery", group);
    }

    @Test
    void groupsKeepTheirStateApart() {
        LeaderLatchPersistenceEngine ours = engine();
        ours.persist("worker_1", "ours");
        group = group + "-other";
        LeaderLatchPersistenceEngine theirs = engine();
        theirs.persist("worker_1", "theirs");

        assertThat(read(ours, "worker_")).containsExactly("ours");
        assertThat(read(theirs, "worker_")).containsExactly("theirs");
    }

    @Test
    void writesThroughAnotherNodeWhenTheFirstRefuses() {
        RiakRecoveryStore store = new RiakRecoveryStore(
                List.of(new java.net.InetSocketAddress("127.0.0.1", FreePorts.pick()), riak.nodes().get(1)),
                "strong", "spark-recovery", group);
        store.put("app_1", new byte[] {1, 2, 3}, 1);

        assertThat(store.readAll("app_")).containsExactly(new byte[] {1, 2, 3});
        store.close();
    }
}

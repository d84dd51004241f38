package io.leaderlatch.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unpatched Spark masters elect through the service: two masters in their own JVMs with the
 * adapter, the service from its jar in a third; one master leads, the other stands by; a worker
 * registers; the leader is killed with SIGKILL; the standby takes over, recovers the worker from the
 * persisted state and lists it ALIVE.
 */
class MasterFailoverTest {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void theStandbyTakesOverAndRecoversTheWorkerWhenTheLeaderIsKilled() throws IOException {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        try (ServiceProcess service = ServiceProcess.start(TestPaths.serviceJar(), logs, TestPaths.SERVICE_SETTINGS)) {
            failOver(logs, service, Recovery.LeaderLatch.directory(dir.resolve("recovery")), "directory", () -> {
                try (Stream<Path> entries = Files.list(dir.resolve("recovery"))) {
                    assertThat(entries.map(entry -> entry.getFileName().toString()))
                            .as("the leader persisted the worker").anyMatch(name -> name.startsWith("worker_"));
                }
            });
        }
    }

    @Test
    void theStandbyRecoversTheWorkerFromRiak() throws IOException {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        try (ServiceProcess service = ServiceProcess.start(TestPaths.serviceJar(), logs, TestPaths.SERVICE_SETTINGS);
             RiakTestServer riak = RiakTestServer.start(logs, 3)) {
            RiakRecoveryStore stored = new RiakRecoveryStore(riak.nodes(), AdapterSettings.DEFAULT_BUCKET_TYPE,
                    AdapterSettings.DEFAULT_BUCKET, AdapterSettings.DEFAULT_GROUP);
            failOver(logs, service, Recovery.LeaderLatch.riak(riak.nodes()), "Riak", () ->
                    assertThat(stored.readAll("worker_")).as("the leader persisted the worker in Riak").hasSize(1));
            stored.close();
        }
    }

    /** A check that may read files. */
    private interface Check {
        void run() throws IOException;
    }

    private static void failOver(Path logs, ServiceProcess service, List<String> persistence, String where,
                                 Check persisted) throws IOException {
        SparkJvm jvm = SparkJvm.ofThisJvm(logs);
        try (MasterPair pair = MasterPair.start(jvm, new Recovery.LeaderLatch(service.endpoint(), persistence,
                TestPaths.CONFIRMATION_WINDOW))) {
            SparkMaster first = pair.leader();
            SparkMaster second = pair.standby();
            pair.startWorker();
            assertThat(second.isStandby()).as("the other master stands by").isTrue();
            persisted.run();

            Duration took = pair.failover(MasterPair.Stop.KILL);

            assertThat(pair.leader()).isSameAs(second);
            assertThat(first.process().isAlive()).isFalse();
            assertThat(Files.readString(second.process().log()))
                    .as("the new leader recovered the worker from the persisted state")
                    .contains("Trying to recover worker");
            System.out.println("Scala " + TestPaths.scalaLine() + ", state in " + where
                    + ": failover after SIGKILL took " + took.toMillis() + " ms");
        }
    }
}

package io.leaderlatch.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.deploy.master.LeaderElectable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** The election agent against the real service, with masters that record what they are told. */
class ElectionAgentTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration WINDOW = TestPaths.CONFIRMATION_WINDOW;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    private static ServiceProcess service;

    @BeforeAll
    static void startService() throws IOException {
        service = ServiceProcess.start(TestPaths.serviceJar(), Files.createDirectories(dir.resolve("logs")),
                TestPaths.SERVICE_SETTINGS);
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.close();
        }
    }

    /** A master that records each call, as Spark's master would act on it. */
    private static final class RecordingMaster implements LeaderElectable {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final MasterTerm term = new MasterTerm();
        /** The term the master could write in when it was told it leads. */
        volatile long termWhenElected = -1;

        @Override
        public void electedLeader() {
            termWhenElected = term.forWrite();
            calls.add("electedLeader");
        }

        @Override
        public void revokedLeadership() {
            calls.add("revokedLeadership");
        }
    }

    private static LeaderLatchElectionAgent agent(RecordingMaster master, String group, String name) {
        return new LeaderLatchElectionAgent(master, service.endpoint(), group, name, WINDOW, master.term);
    }

    @Test
    void eachLeadershipComesWithANewerTermBeforeTheMasterHearsOfIt() {
        RecordingMaster first = new RecordingMaster();
        RecordingMaster second = new RecordingMaster();
        LeaderLatchElectionAgent firstAgent = agent(first, "terms", "a");
        Bounded.until(() -> first.calls.equals(List.of("electedLeader")), PATIENCE, "a elected");
        LeaderLatchElectionAgent secondAgent = agent(second, "terms", "b");
        try {
            Bounded.until(() -> secondAgent.currentLeader().equals(Optional.of("a")), PATIENCE, "b to see a lead");
            firstAgent.stop();
            Bounded.until(() -> second.calls.equals(List.of("electedLeader")), PATIENCE, "b elected");

            assertThat(first.termWhenElected).isPositive();
            assertThat(second.termWhenElected).isGreaterThan(first.termWhenElected);
            assertThat(second.term.forWrite()).isEqualTo(second.termWhenElected);
        } finally {
            secondAgent.stop();
        }
    }

    @Test
    void aChangeRefusedAsFencedOffRevokesTheLeadershipOnce() {
        RecordingMaster master = new RecordingMaster();
        LeaderLatchElectionAgent agent = agent(master, "fenced", "a");
        try {
            Bounded.until(() -> master.calls.equals(List.of("electedLeader")), PATIENCE, "a elected");

            master.term.fencedOff();
            master.term.fencedOff();

            assertThat(master.calls).containsExactly("electedLeader", "revokedLeadership");
            assertThatThrownBy(master.term::forWrite).isInstanceOf(FencedOffException.class);
        } finally {
            agent.stop();
        }
    }

    @Test
    void theFirstMasterIsElectedAndTheSecondWhenTheFirstStops() {
        RecordingMaster first = new RecordingMaster();
        RecordingMaster second = new RecordingMaster();
        LeaderLatchElectionAgent firstAgent = agent(first, "handover", "a");
        Bounded.until(() -> first.calls.equals(List.of("electedLeader")), PATIENCE, "a elected");
        LeaderLatchElectionAgent secondAgent = agent(second, "handover", "b");
        try {
            firstAgent.stop();
            Bounded.until(() -> second.calls.equals(List.of("electedLeader")), PATIENCE, "b elected");

            assertThat(first.calls).as("a stopping master is told nothing more").containsExactly("electedLeader");
            assertThat(secondAgent.masterInstance()).isSameAs(second);
        } finally {
            secondAgent.stop();
        }
    }

    @Test
    void theLeaderIsRevokedOnceWhenTheServiceGoesAndTheStandbyHearsNothing() throws IOException {
        RecordingMaster leader = new RecordingMaster();
        RecordingMaster standby = new RecordingMaster();
        ServiceProcess doomed = ServiceProcess.start(TestPaths.serviceJar(),
                Files.createDirectories(dir.resolve("doomed")), TestPaths.SERVICE_SETTINGS);
        LeaderLatchElectionAgent leaderAgent = new LeaderLatchElectionAgent(leader, doomed.endpoint(), "dropped", "a", WINDOW,
                leader.term);
        Bounded.until(() -> leader.calls.equals(List.of("electedLeader")), PATIENCE, "a elected");
        LeaderLatchElectionAgent standbyAgent = new LeaderLatchElectionAgent(standby, doomed.endpoint(), "dropped", "b",
                WINDOW, standby.term);
        try {
            Bounded.until(() -> standbyAgent.currentLeader().equals(Optional.of("a")), PATIENCE, "b to see a lead");

            doomed.kill();

            Bounded.until(() -> leader.calls.equals(List.of("electedLeader", "revokedLeadership")), PATIENCE,
                    "a revoked");
            Bounded.until(() -> standbyAgent.currentLeader().isEmpty(), PATIENCE, "b to lose its connection");
            assertThat(standby.calls).as("a standby that loses its connection stays a standby").isEmpty();
            assertThat(leader.calls).containsExactly("electedLeader", "revokedLeadership");
        } finally {
            standbyAgent.stop();
            leaderAgent.stop();
            doomed.close();
        }
    }
}

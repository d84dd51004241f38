package io.leaderlatch.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.leaderlatch.election.ElectionCoordinator;
import io.leaderlatch.election.MemberEvents;
import io.leaderlatch.protocol.ClientSession;
import io.leaderlatch.testing.LineClient;
import io.leaderlatch.testing.service.TestService;
import io.leaderlatch.testing.Timing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the service logs at INFO grows with the groups' changes, not with their members: a
 * failover in a large group is one line, naming the group, its new leader and the term. And the
 * shipped logback.xml: riak-client's warnings shown, per-member events off unless asked for.
 */
class LogLevelsTest {

    /** Thread-safe: the event loops and the coordinator's thread log while the test reads. */
    private static final class Captured extends AppenderBase<ILoggingEvent> {
        final Queue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();

        @Override
        protected void append(ILoggingEvent event) {
            events.add(event);
        }

        List<String> infoOrAbove() {
            return events.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.INFO))
                    .map(event -> event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage())
                    .toList();
        }
    }

    private final Logger service = (Logger) LoggerFactory.getLogger("io.leaderlatch");
    private final Captured captured = new Captured();
    private Level levelBefore;

    /** The service's loggers at the shipped level, INFO, into this test only. */
    @BeforeEach
    void capture() {
        levelBefore = service.getLevel();
        captured.setContext(service.getLoggerContext());
        captured.start();
        service.addAppender(captured);
        service.setAdditive(false);
        service.setLevel(Level.INFO);
    }

    @AfterEach
    void release() {
        service.setLevel(levelBefore);
        service.setAdditive(true);
        service.detachAppender(captured);
        captured.stop();
    }

    @Test
    void aFailoverInAGroupOfManyMembersIsOneInfoLine() {
        int count = 300;
        try (TestService instance = TestService.start()) {
            List<LineClient> members = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    LineClient member = instance.connect();
                    members.add(member);
                    assertThat(member.join("big", "m" + i)).isEqualTo("LEADER m0");
                }
                assertThat(captured.infoOrAbove()).as("INFO lines for %d joins", count).hasSizeLessThan(10);
                captured.events.clear();

                members.get(0).close();
                for (int i = 1; i < count; i++) {
                    assertThat(members.get(i).readLine()).as("member m%d", i).isEqualTo("LEADER m1");
                }
                String coordinator = ElectionCoordinator.class.getName();
                await().atMost(Timing.patience()).until(() -> captured.infoOrAbove().stream()
                        .anyMatch(line -> line.startsWith("INFO " + coordinator)));
                assertThat(captured.infoOrAbove()).as("INFO lines for one failover among %d members", count)
                        .singleElement().asString()
                        .startsWith("INFO " + coordinator + " group big term ")
                        .contains("leader is now m1");
            } finally {
                members.forEach(LineClient::close);
            }
        }
    }

    @Test
    void theShippedConfigurationShowsRiakClientWarningsAndNotMemberEvents() throws Exception {
        LoggerContext shipped = configured(Map.of());
        try {
            assertThat(shipped.getLogger("com.basho.riak.client.core.RiakNode").getEffectiveLevel()).isEqualTo(Level.WARN);
            assertThat(shipped.getLogger(ElectionCoordinator.class).getEffectiveLevel()).isEqualTo(Level.INFO);
            assertThat(shipped.getLogger(MemberEvents.NAME).isDebugEnabled()).isFalse();
            assertThat(shipped.getLogger(MemberEvents.NAME).isInfoEnabled()).isTrue();
        } finally {
            shipped.stop();
        }
    }

    @Test
    void riakClientsRepeatedErrorsAreOneLineAMinutePerKind() throws Exception {
        LoggerContext shipped = configured(Map.of());
        // Into this test only, not onto standard output.
        assertThat(shipped.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender("STDOUT")).isTrue();
        assertThat(shipped.getLogger("com.basho.riak").detachAppender("RIAK_CLIENT")).isTrue();
        Captured riakClient = new Captured();
        riakClient.setContext(shipped);
        riakClient.start();
        shipped.getLogger("com.basho.riak").addAppender(riakClient);
        try {
            Logger node = shipped.getLogger("com.basho.riak.client.core.RiakNode");
            Exception refused = new ConnectException("Connection refused");
            for (int i = 0; i < 50; i++) {
                node.error("Connection attempt failed: {}:{}; {}", "riak1", 8087, refused);
                node.error("Connection attempt failed: {}:{}; {}", "riak2", 8087, refused);
                node.error("RiakNode failed healthcheck operation; {}:{} {}", "riak1", 8087, refused);
            }
            assertThat(riakClient.infoOrAbove()).containsExactly(
                    "ERROR com.basho.riak.client.core.RiakNode Connection attempt failed: riak1:8087; {}",
                    "ERROR com.basho.riak.client.core.RiakNode Connection attempt failed: riak2:8087; {}",
                    "ERROR com.basho.riak.client.core.RiakNode RiakNode failed healthcheck operation; riak1:8087 {}");

            Logger coordinator = shipped.getLogger(ElectionCoordinator.class);
            Captured own = new Captured();
            own.setContext(shipped);
            own.start();
            coordinator.addAppender(own);
            for (int i = 0; i < 5; i++) {
                coordinator.warn("store not ready: {}", "Riak is unreachable");
            }
            assertThat(own.infoOrAbove()).as("the service's own lines are not limited").hasSize(5);
        } finally {
            shipped.stop();
        }
    }

    @Test
    void memberEventsAreTurnedOnAloneByTheirOwnVariable() throws Exception {
        LoggerContext shipped = configured(Map.of("LEADER_LATCH_MEMBER_LOG_LEVEL", "DEBUG"));
        try {
            assertThat(shipped.getLogger(MemberEvents.NAME).isDebugEnabled()).isTrue();
            assertThat(shipped.getLogger(ClientSession.class).isDebugEnabled()).isFalse();
        } finally {
            shipped.stop();
        }
    }

    @Test
    void theServicesLevelAlsoShowsMemberEvents() throws Exception {
        LoggerContext shipped = configured(Map.of("LEADER_LATCH_LOG_LEVEL", "DEBUG"));
        try {
            assertThat(shipped.getLogger(MemberEvents.NAME).isDebugEnabled()).isTrue();
        } finally {
            shipped.stop();
        }
    }

    /** A context of its own, set up by the logback.xml the jar ships, with {@code variables} set as the environment would. */
    private static LoggerContext configured(Map<String, String> variables) throws Exception {
        URL shipped = LogLevelsTest.class.getResource("/logback.xml");
        assertThat(shipped).as("the shipped logback.xml").isNotNull();
        LoggerContext context = new LoggerContext();
        variables.forEach(context::putProperty);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(shipped);
        return context;
    }
}

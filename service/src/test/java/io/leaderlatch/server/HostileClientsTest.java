package io.leaderlatch.server;

import io.leaderlatch.config.Cidr;
import io.leaderlatch.config.Settings;
import io.leaderlatch.metrics.MeterNames;
import io.leaderlatch.testing.LineClient;
import io.leaderlatch.testing.service.TestService;
import io.leaderlatch.testing.Timing;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that misbehave, over real TCP: each attack must leave well-behaved clients served
 * normally, be counted in a meter, and be bounded by a limit.
 */
class HostileClientsTest {

    private static Settings.Limits limits(Duration joinTimeout, int perListener, int perAddress, List<Settings.Allow> allow) {
        return new Settings.Limits(joinTimeout, perListener, perAddress, allow);
    }

    private static double counter(TestService service, String name, String... tags) {
        return service.registry().get(name).tags(tags).counter().count();
    }

    @Test
    void aConnectionThatNeverJoinsIsClosedAfterTheJoinTimeout() {
        Settings settings = TestService.withLimits(limits(Duration.ofMillis(300), 100, 100, List.of()));
        try (TestService service = TestService.start(settings, "internal");
             LineClient member = service.connect();
             LineClient silent = service.connect()) {
            assertThat(member.join("g", "a")).isEqualTo("LEADER a");
            silent.assertClosedByService();
            assertThat(counter(service, MeterNames.JOIN_TIMEOUTS, "listener", "internal")).isEqualTo(1);
            // The joined member, connected as long as the silent one, is still a member.
            try (LineClient probe = service.connect()) {
                assertThat(probe.join("g", "b")).isEqualTo("LEADER a");
            }
        }
    }

    @Test
    void connectionsOverThePerAddressLimitAreClosedAtOnce() {
        Settings settings = TestService.withLimits(limits(Duration.ofMinutes(1), 100, 3, List.of()));
        try (TestService service = TestService.start(settings, "internal")) {
            List<LineClient> held = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    held.add(service.connect());
                    assertThat(held.get(i).join("g", "m" + i)).isEqualTo("LEADER m0");
                }
                try (LineClient extra = service.connect()) {
                    extra.assertClosedByService();
                }
                assertThat(counter(service, MeterNames.CONNECTIONS_REFUSED, "listener", "internal", "reason", "address_limit"))
                        .isEqualTo(1);
                held.remove(2).close();
                await().atMost(Timing.patience()).untilAsserted(() -> {
                    try (LineClient again = service.connect()) {
                        assertThat(again.join("g", "again")).isEqualTo("LEADER m0");
                    }
                });
            } finally {
                held.forEach(LineClient::close);
            }
        }
    }

    @Test
    void connectionsOverThePerListenerLimitAreClosedAndOtherListenersServeOn() {
        Settings settings = TestService.withLimits(limits(Duration.ofMinutes(1), 2, 100, List.of()));
        try (TestService service = TestService.start(settings, "internal", "external");
             LineClient one = service.connect("internal");
             LineClient two = service.connect("internal")) {
            // Connections are admitted on their own event loops: join one at a time, so that the
            // third is the one over the limit.
            assertThat(one.join("g", "a")).isEqualTo("LEADER a");
            assertThat(two.join("g", "b")).isEqualTo("LEADER a");
            try (LineClient three = service.connect("internal"); LineClient other = service.connect("external")) {
                three.assertClosedByService();
                assertThat(other.join("g", "c")).isEqualTo("LEADER a");
            }
            assertThat(counter(service, MeterNames.CONNECTIONS_REFUSED, "listener", "internal", "reason", "listener_limit"))
                    .isEqualTo(1);
        }
    }

    @Test
    void aListenerWithAnAllowlistClosesConnectionsFromOtherNetworks() {
        Settings settings = TestService.withLimits(limits(Duration.ofMinutes(1), 100, 100, List.of(
                new Settings.Allow("internal", List.of(Cidr.parse("10.0.0.0/8").orElseThrow())),
                new Settings.Allow("loopback", List.of(Cidr.parse("127.0.0.0/8").orElseThrow())))));
        try (TestService service = TestService.start(settings, "internal", "loopback", "open");
             LineClient refused = service.connect("internal");
             LineClient allowed = service.connect("loopback");
             LineClient anyone = service.connect("open")) {
            refused.assertClosedByService();
            assertThat(allowed.join("g", "a")).isEqualTo("LEADER a");
            assertThat(anyone.join("g", "b")).isEqualTo("LEADER a");
            assertThat(counter(service, MeterNames.CONNECTIONS_REFUSED, "listener", "internal", "reason", "not_allowed"))
                    .isEqualTo(1);
        }
    }

    @Test
    void garbageOfEveryKindLeavesOtherClientsServed() throws Exception {
        try (TestService service = TestService.start();
             LineClient leader = service.connect()) {
            assertThat(leader.join("g", "leader")).isEqualTo("LEADER leader");
            Random random = new Random(7);
            byte[] noise = new byte[64 * 1024];
            random.nextBytes(noise);
            List<LineClient> attackers = new ArrayList<>();
            try {
                attackers.add(service.connect().sendRaw(noise));
                attackers.add(service.connect().sendRaw(new byte[] {0, 0, 0, '\n'}));
                attackers.add(service.connect().sendRaw("JOIN g \u00e9t\u00e9\n".getBytes(StandardCharsets.UTF_8)));
                attackers.add(service.connect().sendRaw("x".repeat(100_000)));
                attackers.add(service.connect().sendRaw("JOIN g never-ending-line-without-newline"));
                attackers.add(service.connect().sendRaw("JOIN g p\n" + "bad\n".repeat(10_000)));
                for (int i = 0; i < 20; i++) {
                    try (LineClient member = service.connect()) {
                        assertThat(member.join("g", "m" + i)).isEqualTo("LEADER leader");
                    }
                }
                LineClient pipelined = attackers.get(5);
                assertThat(pipelined.readLine()).isEqualTo("LEADER leader");
                for (int i = 0; i < 10_000; i++) {
                    assertThat(pipelined.readLine()).isEqualTo("ERROR");
                }
            } finally {
                attackers.forEach(LineClient::close);
            }
        }
    }

    @Test
    void aClientThatNeverReadsCannotMakeTheServiceTakeInWithoutBound() throws Exception {
        try (TestService service = TestService.start();
             Socket hostile = new Socket()) {
            hostile.connect(service.address());
            OutputStream out = hostile.getOutputStream();
            byte[] chunk = "bad\n".repeat(16 * 1024).getBytes(StandardCharsets.US_ASCII);
            AtomicInteger chunks = new AtomicInteger();
            // Writes 64 KiB of bad lines at a time and never reads an answer; bounded to 128 MiB.
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    while (chunks.get() < 2_000) {
                        out.write(chunk);
                        chunks.incrementAndGet();
                    }
                } catch (IOException e) {
                    // closed by the test
                }
            });
            // Once the answers it does not read pass the service's write buffer, the service stops
            // reading it, socket buffers fill, and the writer stalls far short of its 128 MiB.
            int[] last = {-1};
            await().pollInterval(Duration.ofMillis(300)).atMost(Timing.patience()).until(() -> {
                int now = chunks.get();
                boolean stalled = now == last[0];
                last[0] = now;
                return stalled;
            });
            assertThat(chunks.get()).as("64 KiB chunks the service took in").isLessThan(500);
            try (LineClient member = service.connect()) {
                assertThat(member.join("g", "a")).isEqualTo("LEADER a");
            }
            hostile.close();
            writer.get(Timing.patience().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void connectionsOpenedTogetherProbeAtDifferentTimes() throws Exception {
        assumeThat(new File("/usr/bin/ss")).as("ss from iproute2 shows socket timers").exists();
        List<LineClient> clients = new ArrayList<>();
        try (TestService service = TestService.start()) {
            for (int i = 0; i < 40; i++) {
                clients.add(service.connect());
            }
            for (int i = 0; i < clients.size(); i++) {
                assertThat(clients.get(i).join("g", "m" + i)).startsWith("LEADER ");
            }
            Thread.sleep(1500); // every connection has switched keepalive on, after its random delay
            List<Integer> due = keepaliveTimersMillis(service);
            assertThat(due).hasSize(clients.size());
            // The default idle time is 1 s: 40 connections opened within a moment would all fall
            // due within a few milliseconds of each other without random phases.
            IntSummaryStatistics spread = due.stream().mapToInt(Integer::intValue).summaryStatistics();
            assertThat(spread.getMax() - spread.getMin()).isGreaterThanOrEqualTo(400);
        } finally {
            clients.forEach(LineClient::close);
        }
    }

    @Test
    void acceptedConnectionsCarryTheConfiguredKeepalive() throws Exception {
        assumeThat(new File("/usr/bin/ss")).as("ss from iproute2 shows socket timers").exists();
        try (TestService service = TestService.start();
             LineClient member = service.connect()) {
            assertThat(member.join("g", "a")).isEqualTo("LEADER a");
            Thread.sleep(1500);
            // The server side of the connection probes after the 1 s idle default.
            assertThat(keepaliveTimersMillis(service)).singleElement().satisfies(millis -> assertThat(millis).isBetween(0, 1250));
        }
    }

    /** The time left on each keepalive timer of the service's established connections, from ss. */
    private static List<Integer> keepaliveTimersMillis(TestService service) throws Exception {
        int port = service.address().getPort();
        Process ss = new ProcessBuilder("ss", "-tno", "state", "established", "( sport = :" + port + " )")
                .redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(ss.waitFor(Timing.patience().toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        Matcher timer = Pattern.compile("timer:\\(keepalive,(?:(\\d+)sec)?(?:(\\d+)ms)?,\\d+\\)").matcher(out);
        List<Integer> due = new ArrayList<>();
        while (timer.find()) {
            int seconds = timer.group(1) == null ? 0 : Integer.parseInt(timer.group(1));
            int millis = timer.group(2) == null ? 0 : Integer.parseInt(timer.group(2));
            due.add(seconds * 1000 + millis);
        }
        return due;
    }
}

package io.leaderlatch.server;

import io.leaderlatch.config.Settings;
import io.leaderlatch.metrics.MeterRegistries;
import io.leaderlatch.testing.ChildJvm;
import io.leaderlatch.testing.ListeningSockets;
import io.leaderlatch.testing.TestService;
import io.leaderlatch.testing.Timing;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/** {@code leader-latch.metrics.jmx-remote}: the meters over a JMX port of the service's own, opt-in. */
class RemoteJmxTest {

    private final String domain = "leaderlatch-remote-" + UUID.randomUUID();
    private MeterRegistry registry;
    private TestService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void aRemoteClientReadsTheMetersOverTheConfiguredPort() throws Exception {
        int port = freePort();
        start(true, port);

        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
        try (JMXConnector jmx = JMXConnectorFactory.connect(url)) {
            MBeanServerConnection server = jmx.getMBeanServerConnection();
            ObjectName leaseHeld = new ObjectName(domain + ":name=leaderlatchLeaseHeld,type=gauges");
            assertThat(server.getAttribute(leaseHeld, "Value")).isEqualTo(1.0);
        }
    }

    @Test
    void theRegistryAndTheConnectorListenOnTheConfiguredAddressOnly() throws Exception {
        assumeThat(ListeningSockets.available()).as("/proc/net/tcp (Linux)").isTrue();
        int port = freePort();
        start(true, port);

        // One socket for both, on 127.0.0.1 alone: not on every address, not on another port.
        assertThat(ListeningSockets.on(port)).containsExactly(InetAddress.getByName("127.0.0.1"));
    }

    /**
     * RMI tells clients which host to call back, by default the machine's own address (here
     * 127.0.0.1); a connector bound to another address must name that one instead. Its own JVM,
     * since the host RMI names is a setting of the whole JVM.
     */
    @Test
    void clientsAreSentToTheBoundAddressNotTheMachinesOwn(@TempDir Path dir) throws Exception {
        assumeThat(canBind("127.0.0.2")).as("127.0.0.2 is a loopback address here").isTrue();
        int jmxPort = freePort();
        Path riakConf = Files.writeString(dir.resolve("riak.conf"),
                "listener.leader_latch.internal = 127.0.0.1:" + freePort() + "\n");
        Path log = dir.resolve("service.log");
        Process child = ChildJvm.start(Main.class, log, List.of("-Dleader-latch.metrics.jmx-remote.enabled=true",
                "-Dleader-latch.metrics.jmx-remote.host=127.0.0.2", "-Dleader-latch.metrics.jmx-remote.port=" + jmxPort),
                "--riak-conf", riakConf.toString());
        try {
            await().atMost(Timing.patience()).until(() -> Files.readString(log).contains("listener internal on"));
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.2:" + jmxPort + "/jmxrmi");
            try (JMXConnector jmx = JMXConnectorFactory.connect(url)) {
                ObjectName leaseHeld = new ObjectName("leaderlatch:name=leaderlatchLeaseHeld,type=gauges");
                assertThat(jmx.getMBeanServerConnection().getAttribute(leaseHeld, "Value")).isEqualTo(1.0);
            }
            if (ListeningSockets.available()) {
                assertThat(ListeningSockets.on(jmxPort)).containsExactly(InetAddress.getByName("127.0.0.2"));
            }
            child.destroy();
            assertThat(child.waitFor(Timing.patience().toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(child.exitValue()).as(Files.readString(log)).isZero();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void stoppingTheServiceClosesThePort() throws Exception {
        int port = freePort();
        start(true, port);
        service.close();

        // RMI's accept thread lets go of the listening socket a few milliseconds after the close.
        await().atMost(Timing.patience()).until(() -> refused(port));
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void offByDefault() throws Exception {
        assertThat(TestService.defaultSettings().metrics().jmxRemote().enabled()).isFalse();
        int port = freePort();
        start(false, port);

        assertThat(refused(port)).isTrue();
    }

    @Test
    void aPortInUseStopsStartUpNamingTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> start(true, taken.getLocalPort()))
                    .isInstanceOf(StartupException.class)
                    .hasMessageStartingWith("leader-latch.metrics.jmx-remote on 127.0.0.1:" + taken.getLocalPort()
                            + ": cannot listen: ");
        }
    }

    private void start(boolean remoteEnabled, int port) {
        Settings defaults = TestService.defaultSettings();
        Settings settings = new Settings(defaults.store(), defaults.embedded(), defaults.riak(), defaults.server(),
                defaults.election(), defaults.limits(),
                new Settings.Metrics(true, domain, new Settings.JmxRemote(remoteEnabled, "127.0.0.1", port),
                        defaults.metrics().prometheus()));
        registry = MeterRegistries.jmx(domain);
        service = TestService.start(registry, settings);
    }

    private static boolean refused(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean canBind(String address) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(address))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}

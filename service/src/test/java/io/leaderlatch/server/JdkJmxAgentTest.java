package io.leaderlatch.server;

import io.leaderlatch.testing.ChildJvm;
import io.leaderlatch.testing.FreePorts;
import io.leaderlatch.testing.Timing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Remote JMX through the JDK's own agent, configured as docs/metrics.md shows: a client with the
 * password reads the instance and its meters; one without it, or with a wrong one, is refused.
 */
class JdkJmxAgentTest {

    @TempDir
    Path dir;

    @Test
    void aClientWithThePasswordReadsTheServiceAndOneWithoutIsRefused() throws Exception {
        int jmxPort = FreePorts.pick();
        Path password = Files.writeString(dir.resolve("jmxremote.password"), "monitor s3cret\n");
        Path access = Files.writeString(dir.resolve("jmxremote.access"), "monitor readonly\n");
        // The agent refuses a password file that others can read.
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        Path riakConf = Files.writeString(dir.resolve("riak.conf"),
                "listener.leader_latch.internal = 127.0.0.1:" + FreePorts.pick() + "\n");
        Path log = dir.resolve("service.log");
        // The options of docs/metrics.md, "Remote JMX", with TLS left out.
        Process service = ChildJvm.start(Main.class, log, List.of(
                "-Dcom.sun.management.jmxremote.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=true",
                "-Dcom.sun.management.jmxremote.password.file=" + password,
                "-Dcom.sun.management.jmxremote.access.file=" + access,
                "-Dcom.sun.management.jmxremote.ssl=false"),
                "--riak-conf", riakConf.toString(), "--no-config");
        try {
            await().atMost(Timing.patience()).until(() -> Files.readString(log).contains("holds its lease"));
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");

            try (JMXConnector jmx = JMXConnectorFactory.connect(url,
                    Map.of(JMXConnector.CREDENTIALS, new String[] {"monitor", "s3cret"}))) {
                MBeanServerConnection server = jmx.getMBeanServerConnection();
                ObjectName instance = InstanceRegistration.find(server).orElseThrow();
                await().atMost(Timing.patience()).until(() -> Boolean.TRUE.equals(server.getAttribute(instance, "LeaseHeld")));
                ObjectName leaseHeld = new ObjectName("leaderlatch:name=leaderlatchLeaseHeld,type=gauges");
                assertThat(server.getAttribute(leaseHeld, "Value")).isEqualTo(1.0);
            }
            assertThatThrownBy(() -> JMXConnectorFactory.connect(url).close()).isInstanceOf(SecurityException.class);
            assertThatThrownBy(() -> JMXConnectorFactory.connect(url,
                    Map.of(JMXConnector.CREDENTIALS, new String[] {"monitor", "guess"})).close())
                    .isInstanceOf(SecurityException.class);
        } finally {
            service.destroy();
            if (!service.waitFor(Timing.patience().toMillis(), TimeUnit.MILLISECONDS)) {
                service.destroyForcibly();
            }
        }
    }
}

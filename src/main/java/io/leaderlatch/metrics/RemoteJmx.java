package io.leaderlatch.metrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.Map;

/**
 * A JMX connector for remote clients to the platform MBean server, where the meters are. It
 * listens on one address and one port only: the RMI registry and the connector share the port,
 * so one firewall rule or SSH tunnel covers both. There is no authentication and no TLS.
 */
public final class RemoteJmx implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RemoteJmx.class);
    private static final String RMI_HOSTNAME = "java.rmi.server.hostname";

    private final Registry registry;
    private final JMXConnectorServer connector;
    private final JMXServiceURL clientUrl;

    private RemoteJmx(Registry registry, JMXConnectorServer connector, JMXServiceURL clientUrl) {
        this.registry = registry;
        this.connector = connector;
        this.clientUrl = clientUrl;
    }

    /**
     * Opens the registry and the connector on {@code host:port}.
     *
     * @param host an IP literal or a host name of this machine, resolved once here
     * @throws IOException when the port cannot be bound, e.g. because it is in use
     */
    public static RemoteJmx start(String host, int port) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        BoundServerSockets sockets = new BoundServerSockets(address);
        advertise(host, address);
        Registry registry = LocateRegistry.createRegistry(port, null, sockets);
        try {
            String hostPort = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
            // Exported on the registry's port with an equal socket factory, so RMI shares one socket.
            JMXServiceURL serverUrl = new JMXServiceURL("service:jmx:rmi://" + hostPort + "/jndi/rmi://" + hostPort + "/jmxrmi");
            Map<String, Object> environment = Map.of(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, sockets);
            JMXConnectorServer connector = JMXConnectorServerFactory.newJMXConnectorServer(serverUrl, environment,
                    ManagementFactory.getPlatformMBeanServer());
            connector.start();
            JMXServiceURL clientUrl = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + hostPort + "/jmxrmi");
            log.warn("remote JMX at {}, listening on {} port {} only, without authentication or TLS: whoever can"
                    + " connect to it can run code in this JVM", clientUrl, address.getHostAddress(), port);
            return new RemoteJmx(registry, connector, clientUrl);
        } catch (IOException | RuntimeException e) {
            unexport(registry);
            throw e;
        }
    }

    /**
     * RMI hands clients stubs that name the host to call back; by default the machine's own
     * address, on which a connector bound to one address may not listen. Name the bound host
     * instead, unless the operator chose one with {@code -Djava.rmi.server.hostname} or the
     * connector listens on every address. The property holds for the whole JVM; nothing else in
     * the service uses RMI.
     */
    private static void advertise(String host, InetAddress address) {
        if (System.getProperty(RMI_HOSTNAME) == null && !address.isAnyLocalAddress()) {
            System.setProperty(RMI_HOSTNAME, host);
        }
    }

    /** What a client connects to, e.g. {@code service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi}. */
    public JMXServiceURL clientUrl() {
        return clientUrl;
    }

    /** Closes the connector, the connections of its clients, and the registry; the port is free again. */
    @Override
    public void close() {
        try {
            connector.stop();
        } catch (IOException e) {
            log.warn("remote JMX connector did not stop cleanly", e);
        }
        unexport(registry);
    }

    private static void unexport(Registry registry) {
        try {
            UnicastRemoteObject.unexportObject(registry, true);
        } catch (NoSuchObjectException e) {
            log.debug("RMI registry already unexported", e);
        }
    }

    /**
     * Server sockets bound to one address. A record, so that two equal factories let RMI export
     * the registry and the connector on one listening socket.
     */
    private record BoundServerSockets(InetAddress address) implements RMIServerSocketFactory {

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return new ServerSocket(port, 50, address);
        }
    }
}

package io.leaderlatch.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Publishes an {@link InstanceMXBean} as {@code <domain>:type=Instance} on the platform MBean
 * server, and removes it again on {@link #close}.
 *
 * <p>It is published whatever {@code leader-latch.metrics.jmx-enabled} says: it is how
 * {@code scripts/leader-latch status} tells whether the service is serving, and a health check
 * must not stop working because the meters were kept private.
 *
 * <p>Public for its two static methods: the admin tool, in another JVM, finds the MBean by the
 * name it is registered under here.
 */
public final class InstanceRegistration implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InstanceRegistration.class);

    private final MBeanServer server;
    private final ObjectName name;
    private final boolean registered;

    private InstanceRegistration(MBeanServer server, ObjectName name, boolean registered) {
        this.server = server;
        this.name = name;
        this.registered = registered;
    }

    /** The name of the instance MBean in {@code domain}. */
    public static ObjectName name(String domain) {
        try {
            return new ObjectName(domain, "type", "Instance");
        } catch (MalformedObjectNameException e) {
            // SettingsLoader accepts only domains that make valid names.
            throw new IllegalArgumentException("JMX domain " + domain + ": " + e.getMessage(), e);
        }
    }

    /**
     * The instance MBean of the JVM behind {@code mbeans}, in whatever domain it was configured
     * with; empty while the service is starting or stopping.
     */
    public static Optional<ObjectName> find(MBeanServerConnection mbeans) throws IOException {
        Set<ObjectName> names = mbeans.queryNames(name("*"), null);
        List<ObjectName> ours = new ArrayList<>();
        for (ObjectName candidate : names) {
            try {
                if (mbeans.isInstanceOf(candidate, InstanceMXBean.class.getName())) {
                    ours.add(candidate);
                }
            } catch (InstanceNotFoundException e) {
                // Unregistered since the query: that service is stopping.
            }
        }
        return ours.stream().min(Comparator.naturalOrder());
    }

    /**
     * Registers {@code bean}. A name already taken means a second service in this JVM (only tests
     * run several): the first keeps it, and this one goes without, since status is per process.
     */
    static InstanceRegistration register(String domain, InstanceMXBean bean) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = name(domain);
        try {
            server.registerMBean(bean, name);
            return new InstanceRegistration(server, name, true);
        } catch (InstanceAlreadyExistsException e) {
            log.info("{} is already registered by another service in this JVM; not registering this one", name);
        } catch (JMException e) {
            log.warn("cannot register {}; scripts/leader-latch status will not see this instance: {}", name, e.toString());
        }
        return new InstanceRegistration(server, name, false);
    }

    @Override
    public void close() {
        if (!registered) {
            return;
        }
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException e) {
            // Already gone; nothing to undo.
        } catch (JMException e) {
            log.warn("cannot unregister {}: {}", name, e.toString());
        }
    }
}

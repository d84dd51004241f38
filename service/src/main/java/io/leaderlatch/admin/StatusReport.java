package io.leaderlatch.admin;

import io.leaderlatch.server.InstanceRegistration;

import javax.management.Attribute;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answer of {@code leader-latch status}: what a running instance's {@link io.leaderlatch.server.InstanceMXBean}
 * says, in lines for an operator, and whether the instance serves (holds its lease).
 *
 * @param lines what to print, the verdict first
 * @param serving true when the instance holds its lease and so answers joins
 */
record StatusReport(List<String> lines, boolean serving) {

    private static final String[] ATTRIBUTES = {
            "Version", "InstanceId", "Listeners", "StoreType", "Store", "LeaseHeld"};

    StatusReport {
        lines = List.copyOf(lines);
    }

    /** Reads the instance MBean of the JVM behind {@code mbeans}, the process {@code pid}. */
    static StatusReport read(long pid, MBeanServerConnection mbeans) throws IOException, JMException {
        Optional<ObjectName> name = InstanceRegistration.find(mbeans);
        if (name.isEmpty()) {
            return notYetServing(pid);
        }
        Map<String, Object> values = new HashMap<>();
        try {
            for (Attribute attribute : mbeans.getAttributes(name.get(), ATTRIBUTES).asList()) {
                values.put(attribute.getName(), attribute.getValue());
            }
        } catch (InstanceNotFoundException e) {
            return notYetServing(pid);
        }
        return format(pid, values);
    }

    /** The report for the attributes of an instance MBean; missing ones read as unknown. */
    static StatusReport format(long pid, Map<String, Object> attributes) {
        boolean leaseHeld = Boolean.TRUE.equals(attributes.get("LeaseHeld"));
        List<String> lines = new ArrayList<>();
        lines.add(leaseHeld
                ? "leader-latch is running (pid " + pid + ") and serving"
                : "leader-latch is running (pid " + pid + ") but not serving: it does not hold its lease (the store is"
                        + " unreachable or not ready, or the instance fenced itself), so it answers every join"
                        + " JOIN_FAILED SERVICE_UNAVAILABLE; its log says why");
        lines.add(line("version", attributes.get("Version")));
        lines.add(line("instance", attributes.get("InstanceId")));
        if (attributes.get("Listeners") instanceof String[] listeners) {
            for (String listener : listeners) {
                lines.add(line("listener", listener));
            }
        }
        lines.add(line("store", store(attributes.get("StoreType"), attributes.get("Store"))));
        lines.add(line("lease", leaseHeld ? "held" : "not held"));
        return new StatusReport(lines, leaseHeld);
    }

    /** Running, but the instance MBean is not there: it appears once the listeners are open, and goes first at a stop. */
    private static StatusReport notYetServing(long pid) {
        return new StatusReport(List.of("leader-latch is running (pid " + pid + ") but not serving: it is starting up"
                + " or stopping (its listeners are not open)"), false);
    }

    /** The description normally names the type first ({@code riak bucket-type ...}); say it when it does not. */
    private static String store(Object type, Object description) {
        String text = String.valueOf(description);
        return text.startsWith(String.valueOf(type)) ? text : type + ": " + text;
    }

    private static String line(String label, Object value) {
        return String.format("%-10s %s", label + ":", value == null ? "unknown" : value);
    }
}

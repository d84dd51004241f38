package io.leaderlatch.admin;

import javax.management.openmbean.CompositeData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code leader-latch groups} and {@code instances} print, from the open data the instance
 * MBean returns ({@link io.leaderlatch.server.ElectionInfo}): lines for people, or one JSON document for scripts.
 */
final class ElectionReport {

    private ElectionReport() {
    }

    /** Each group, its term and leader, then its members in join order. */
    static List<String> groups(CompositeData[] groups) {
        List<String> lines = new ArrayList<>();
        for (CompositeData group : groups) {
            lines.add(group.get("name") + "  term " + group.get("term") + "  leader " + group.get("leader"));
            CompositeData[] members = (CompositeData[]) group.get("members");
            for (int i = 0; i < members.length; i++) {
                lines.add(String.format(Locale.ROOT, "  %d. %s  %s  since %s%s", i + 1, members[i].get("client"),
                        members[i].get("instance"), since((Long) members[i].get("joinedAt")), i == 0 ? "  (leader)" : ""));
            }
        }
        if (groups.length == 0) {
            lines.add("no groups");
        }
        return lines;
    }

    static String groupsJson(CompositeData[] groups) {
        List<String> items = new ArrayList<>();
        for (CompositeData group : groups) {
            List<String> members = new ArrayList<>();
            for (CompositeData member : (CompositeData[]) group.get("members")) {
                members.add("{\"client\":" + quote(member.get("client")) + ",\"instance\":" + quote(member.get("instance"))
                        + ",\"joinedAt\":" + member.get("joinedAt") + "}");
            }
            items.add("{\"name\":" + quote(group.get("name")) + ",\"term\":" + group.get("term")
                    + ",\"leader\":" + quote(group.get("leader")) + ",\"members\":[" + String.join(",", members) + "]}");
        }
        return "{\"groups\":[" + String.join(",", items) + "]}";
    }

    /** Each instance: id, heartbeat, lease, how long its heartbeat has stood still, hint address. */
    static List<String> instances(CompositeData[] instances) {
        List<String> lines = new ArrayList<>();
        lines.add("INSTANCE  HEARTBEAT  LEASE  UNCHANGED FOR  HINTS");
        for (CompositeData instance : instances) {
            long unchanged = (Long) instance.get("unchangedForMillis");
            String hints = (String) instance.get("hints");
            lines.add(String.format(Locale.ROOT, "%s%s  %d  %s  %s  %s", instance.get("id"),
                    Boolean.TRUE.equals(instance.get("self")) ? " (this one)" : "", (Long) instance.get("heartbeat"),
                    seconds((Long) instance.get("leaseMillis")), unchanged < 0 ? "not known yet" : seconds(unchanged),
                    hints.isEmpty() ? "-" : hints));
        }
        return lines;
    }

    static String instancesJson(CompositeData[] instances) {
        List<String> items = new ArrayList<>();
        for (CompositeData instance : instances) {
            long unchanged = (Long) instance.get("unchangedForMillis");
            items.add("{\"id\":" + quote(instance.get("id")) + ",\"self\":" + instance.get("self")
                    + ",\"heartbeat\":" + instance.get("heartbeat") + ",\"leaseMillis\":" + instance.get("leaseMillis")
                    + ",\"unchangedForMillis\":" + (unchanged < 0 ? "null" : unchanged)
                    + ",\"hints\":" + (((String) instance.get("hints")).isEmpty() ? "null" : quote(instance.get("hints"))) + "}");
        }
        return "{\"instances\":[" + String.join(",", items) + "]}";
    }

    private static String since(long epochMillis) {
        return epochMillis <= 0 ? "(not known)" : Instant.ofEpochMilli(epochMillis).toString();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** A JSON string; names are printable ASCII, so only quotes and backslashes need escaping. */
    private static String quote(Object text) {
        return "\"" + String.valueOf(text).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

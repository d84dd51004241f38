package io.leaderlatch.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Rejects settings under the service's root that {@code reference.conf} does not define, so that a
 * typo such as {@code leader-latch.store.typ} stops start-up instead of being silently ignored.
 */
final class UnknownKeys {

    private UnknownKeys() {
    }

    /**
     * @param merged the resolved settings, with {@code root} an object
     * @param reference the resolved defaults, which define every known key
     * @throws ConfigException listing every unknown key with its origin, one per line
     */
    static void check(Config merged, Config reference, String root) {
        List<Map.Entry<String, ConfigValue>> unknown = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> entry : merged.getConfig(root).entrySet()) {
            if (!reference.hasPathOrNull(root + "." + entry.getKey())) {
                unknown.add(entry);
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        String message = unknown.stream()
                .sorted(Comparator.comparing((Map.Entry<String, ConfigValue> e) -> String.valueOf(e.getValue().origin().filename()))
                        .thenComparingInt(e -> e.getValue().origin().lineNumber())
                        .thenComparing(Map.Entry::getKey))
                .map(e -> TypesafeErrors.where(e.getValue().origin()) + ": unknown key " + root + "." + e.getKey()
                        + hint(reference, root + "." + e.getKey()))
                .collect(Collectors.joining("\n"));
        throw new ConfigException(message);
    }

    /** Keys that once existed, and what replaced them. */
    private static final Map<String, String> REMOVED = Map.of("leader-latch.metrics.jmx-remote",
            "it was removed: turn on the JDK's own JMX agent (-Dcom.sun.management.jmxremote.port and the"
                    + " password and TLS settings) in JAVA_OPTS; docs/metrics.md, \"Remote JMX\"");

    /** Names the known keys next to the unknown one, the likeliest fix of a typo, or what replaced a removed one. */
    private static String hint(Config reference, String path) {
        for (Map.Entry<String, String> removed : REMOVED.entrySet()) {
            if (path.equals(removed.getKey()) || path.startsWith(removed.getKey() + ".")) {
                return " (" + removed.getValue() + ")";
            }
        }
        List<String> parent = new ArrayList<>(ConfigUtil.splitPath(path));
        parent.remove(parent.size() - 1);
        while (parent.size() > 1 && !isObject(reference, ConfigUtil.joinPath(parent))) {
            parent.remove(parent.size() - 1);
        }
        String parentPath = ConfigUtil.joinPath(parent);
        String known = reference.getObject(parentPath).keySet().stream().sorted().collect(Collectors.joining(", "));
        return " (known keys under " + parentPath + ": " + known + ")";
    }

    private static boolean isObject(Config config, String path) {
        return config.hasPath(path) && config.getValue(path).valueType() == ConfigValueType.OBJECT;
    }
}

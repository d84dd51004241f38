package io.leaderlatch.server;

import io.leaderlatch.metrics.MeterNames;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A meter's name and tags read back from the {@code name} key of its JMX ObjectName, which
 * Micrometer forms as {@code <meter name in camel case>[.<tag>.<value>]...}, tags in alphabetical
 * order of their keys: {@code leaderlatchJoins.listener.internal.result.leader} is
 * {@code leaderlatch.joins{listener=internal,result=leader}}.
 *
 * <p>A tag value may itself contain dots ({@code phi.0.99}), so tags are split at the tag keys the
 * service uses, taken in alphabetical order. A name that does not parse that way is shown as it is.
 *
 * @param meter the dotted meter name, e.g. {@code leaderlatch.joins}
 * @param tags the tags by key, sorted
 */
record JmxMeterName(String meter, Map<String, String> tags) {

    /** The service's tag keys, and Micrometer's {@code phi} of the percentile gauges. */
    private static final Set<String> TAG_KEYS = Set.of(MeterNames.TAG_LISTENER, MeterNames.TAG_OPERATION,
            MeterNames.TAG_OUTCOME, MeterNames.TAG_REASON, MeterNames.TAG_RESULT, "phi");

    JmxMeterName {
        tags = new TreeMap<>(tags);
    }

    static JmxMeterName parse(String jmxName) {
        String[] parts = jmxName.split("\\.", -1);
        Map<String, String> tags = new TreeMap<>();
        String key = null;
        StringBuilder value = new StringBuilder();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            // A key starts a new tag only after the last one has a value, and only in key order;
            // so a listener named "result" stays a value.
            if (TAG_KEYS.contains(part) && (key == null || (!value.isEmpty() && part.compareTo(key) > 0))) {
                if (key != null) {
                    tags.put(key, value.toString());
                }
                key = part;
                value.setLength(0);
            } else if (key == null) {
                return new JmxMeterName(jmxName, Map.of());
            } else {
                value.append(value.isEmpty() ? "" : ".").append(part);
            }
        }
        if (key != null) {
            if (value.isEmpty()) {
                return new JmxMeterName(jmxName, Map.of());
            }
            tags.put(key, value.toString());
        }
        return new JmxMeterName(dotted(parts[0]), tags);
    }

    /** {@code leaderlatchLeaseHeld} to {@code leaderlatch.lease.held}. */
    private static String dotted(String camelCase) {
        StringBuilder dotted = new StringBuilder();
        camelCase.codePoints().forEach(c -> {
            if (Character.isUpperCase(c)) {
                dotted.append('.').appendCodePoint(Character.toLowerCase(c));
            } else {
                dotted.appendCodePoint(c);
            }
        });
        return dotted.toString();
    }

    /** {@code leaderlatch.joins{listener=internal,result=leader}}, or the name alone without tags. */
    @Override
    public String toString() {
        if (tags.isEmpty()) {
            return meter;
        }
        return meter + tags.entrySet().stream().map(tag -> tag.getKey() + "=" + tag.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }
}

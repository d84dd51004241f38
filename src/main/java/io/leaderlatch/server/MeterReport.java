package io.leaderlatch.server;

import javax.management.Attribute;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code leader-latch metrics}: every meter MBean of the service's JMX domain, one
 * line each, sorted by meter name: gauges with their value, counters with their count, timers
 * with count, mean, max and percentiles.
 */
final class MeterReport {

    private static final String[] GAUGE = {"Value"};
    private static final String[] COUNTER = {"Count"};
    private static final String[] TIMER = {"Count", "Mean", "Max", "50thPercentile", "95thPercentile",
            "99thPercentile", "999thPercentile", "DurationUnit"};

    private MeterReport() {
    }

    /** One line per meter MBean in {@code domain}; MBeans of other kinds are left out. */
    static List<String> read(MBeanServerConnection mbeans, String domain) throws IOException, JMException {
        List<Row> rows = new ArrayList<>();
        for (ObjectName name : mbeans.queryNames(new ObjectName(domain + ":*"), null)) {
            String type = name.getKeyProperty("type");
            String meter = name.getKeyProperty("name");
            String[] attributes = attributes(type);
            if (meter == null || attributes.length == 0) {
                continue;
            }
            Map<String, Object> values = new HashMap<>();
            try {
                for (Attribute attribute : mbeans.getAttributes(name, attributes).asList()) {
                    values.put(attribute.getName(), attribute.getValue());
                }
            } catch (InstanceNotFoundException e) {
                continue; // a meter removed since the query
            }
            rows.add(new Row(JmxMeterName.parse(meter).toString(), values(type, values)));
        }
        return format(rows);
    }

    /** The attributes worth printing for one Micrometer MBean type; none for anything else. */
    private static String[] attributes(String type) {
        if (type == null) {
            return new String[0];
        }
        return switch (type) {
            case "gauges" -> GAUGE;
            case "meters" -> COUNTER;
            case "timers" -> TIMER;
            default -> new String[0];
        };
    }

    /** {@code value=1}, {@code count=3}, or {@code count=2 mean=1.5ms max=2ms p50=1ms ...}. */
    static String values(String type, Map<String, Object> values) {
        return switch (type) {
            case "gauges" -> "value=" + number(values.get("Value"));
            case "meters" -> "count=" + number(values.get("Count"));
            default -> {
                String unit = unit(values.get("DurationUnit"));
                yield "count=" + number(values.get("Count"))
                        + " mean=" + number(values.get("Mean")) + unit
                        + " max=" + number(values.get("Max")) + unit
                        + " p50=" + number(values.get("50thPercentile")) + unit
                        + " p95=" + number(values.get("95thPercentile")) + unit
                        + " p99=" + number(values.get("99thPercentile")) + unit
                        + " p999=" + number(values.get("999thPercentile")) + unit;
            }
        };
    }

    /** Sorted by meter, the names padded so that the values line up. */
    static List<String> format(List<Row> rows) {
        int width = rows.stream().mapToInt(row -> row.meter().length()).max().orElse(0);
        return rows.stream().sorted(Comparator.comparing(Row::meter))
                .map(row -> String.format("%-" + width + "s  %s", row.meter(), row.values())).toList();
    }

    /** Whole numbers without a fraction; others to three decimals, trailing zeros dropped. */
    static String number(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isNaN(number) || Double.isInfinite(number)) {
                return String.valueOf(number);
            }
            return BigDecimal.valueOf(number).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        }
        return value == null ? "?" : value.toString();
    }

    private static String unit(Object durationUnit) {
        if (durationUnit == null) {
            return "";
        }
        return switch (durationUnit.toString()) {
            case "milliseconds" -> "ms";
            case "microseconds" -> "us";
            case "nanoseconds" -> "ns";
            case "seconds" -> "s";
            default -> " " + durationUnit;
        };
    }

    /** One meter: its name with tags, and its values. */
    record Row(String meter, String values) {
    }
}

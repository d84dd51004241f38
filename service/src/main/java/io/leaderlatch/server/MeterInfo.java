package io.leaderlatch.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One meter as the instance MBean returns it ({@link InstanceMXBean#meters()}): its name and tags
 * as the service registered them, and its values read when asked. A Java bean whose getters the
 * MXBean framework turns into open types, so a JMX console or {@code leader-latch metrics} needs
 * none of the service's classes, and nothing has to be read back out of an MBean's name.
 */
public final class MeterInfo {

    private final String name;
    private final String type;
    private final String[] tags;
    private final Value[] values;

    private MeterInfo(String name, String type, String[] tags, Value[] values) {
        this.name = name;
        this.type = type;
        this.tags = tags;
        this.values = values;
    }

    /** The dotted meter name, e.g. {@code leaderlatch.joins}. */
    public String getName() {
        return name;
    }

    /** Micrometer's type in lower case: {@code counter}, {@code gauge}, {@code timer}, ... */
    public String getType() {
        return type;
    }

    /** Every tag as {@code key=value}, in the order of the keys. */
    public String[] getTags() {
        return tags.clone();
    }

    /** The meter's values: a counter's {@code count}, a gauge's {@code value}, a timer's count, mean and max. */
    public Value[] getValues() {
        return values.clone();
    }

    /** One value of a meter: what it is, the number, and its unit ({@code ms} for durations, else empty). */
    public static final class Value {
        private final String statistic;
        private final double value;
        private final String unit;

        Value(String statistic, double value, String unit) {
            this.statistic = statistic;
            this.value = value;
            this.unit = unit;
        }

        public String getStatistic() {
            return statistic;
        }

        public double getValue() {
            return value;
        }

        public String getUnit() {
            return unit;
        }
    }

    /** Reads {@code meter} now. Durations are in milliseconds whatever the registry's base unit. */
    static MeterInfo of(Meter meter) {
        Meter.Id id = meter.getId();
        String[] tags = id.getTags().stream().map(tag -> tag.getKey() + "=" + tag.getValue()).toArray(String[]::new);
        return new MeterInfo(id.getName(), id.getType().name().toLowerCase(Locale.ROOT), tags, values(meter));
    }

    private static Value[] values(Meter meter) {
        List<Value> values = new ArrayList<>();
        if (meter instanceof Counter counter) {
            values.add(new Value("count", counter.count(), ""));
        } else if (meter instanceof FunctionCounter counter) {
            values.add(new Value("count", counter.count(), ""));
        } else if (meter instanceof TimeGauge gauge) {
            values.add(new Value("value", gauge.value(TimeUnit.MILLISECONDS), "ms"));
        } else if (meter instanceof Gauge gauge) {
            values.add(new Value("value", gauge.value(), ""));
        } else if (meter instanceof Timer timer) {
            values.add(new Value("count", timer.count(), ""));
            values.add(new Value("mean", timer.mean(TimeUnit.MILLISECONDS), "ms"));
            values.add(new Value("max", timer.max(TimeUnit.MILLISECONDS), "ms"));
        } else {
            // Any other kind, as the registry measures it, in its own units.
            for (Measurement measurement : meter.measure()) {
                values.add(new Value(measurement.getStatistic().getTagValueRepresentation(), measurement.getValue(), ""));
            }
        }
        return values.toArray(Value[]::new);
    }
}

package io.leaderlatch.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.jmx.JmxConfig;
import io.micrometer.jmx.JmxMeterRegistry;

import java.time.Duration;

/** Builds the service's meter registry: JMX MBeans under one domain, or in memory only. */
public final class MeterRegistries {

    private MeterRegistries() {
    }

    /** A registry that publishes every meter as an MBean in {@code domain}. */
    public static MeterRegistry jmx(String domain) {
        JmxConfig config = new JmxConfig() {
            @Override
            public String domain() {
                return domain;
            }

            @Override
            public Duration step() {
                return Duration.ofSeconds(10);
            }

            @Override
            public String get(String key) {
                return null;
            }
        };
        return new JmxMeterRegistry(config, Clock.SYSTEM);
    }

    /** A registry that keeps meters in memory only, for when JMX is switched off. */
    public static MeterRegistry inMemory() {
        return new SimpleMeterRegistry();
    }
}

package io.leaderlatch.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.jmx.JmxConfig;
import io.micrometer.jmx.JmxMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Builds the service's meter registry: JMX MBeans under one domain, Prometheus, both, or in memory only. */
public final class MeterRegistries {

    /**
     * The histogram buckets of every timer in Prometheus, from a fast store request to a failover
     * after a lease: fifteen fixed ones rather than Micrometer's seventy-odd, since each is a
     * series per timer, and store request timers come one per operation and outcome.
     */
    static final List<Duration> TIMER_BUCKETS = Stream.of(1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000,
            5_000, 10_000, 20_000, 60_000).map(Duration::ofMillis).toList();

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

    /**
     * A registry for a Prometheus scrape. Its timers keep histogram buckets, from which Prometheus
     * computes percentiles over any window, across instances too; it computes none itself.
     */
    public static PrometheusMeterRegistry prometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() != Meter.Type.TIMER) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(TIMER_BUCKETS.stream().mapToDouble(Duration::toNanos).toArray())
                        .build().merge(config);
            }
        });
        return registry;
    }

    /**
     * The service's registry over {@code registries}: in memory only when there are none, the one
     * itself, or a composite that records every meter in each of them.
     */
    public static MeterRegistry of(List<MeterRegistry> registries) {
        if (registries.isEmpty()) {
            return inMemory();
        }
        if (registries.size() == 1) {
            return registries.get(0);
        }
        CompositeMeterRegistry composite = new CompositeMeterRegistry();
        registries.forEach(composite::add);
        return composite;
    }

    /** The Prometheus registry of {@code registry}: itself, or one a composite records into. */
    public static Optional<PrometheusMeterRegistry> prometheus(MeterRegistry registry) {
        if (registry instanceof PrometheusMeterRegistry prometheus) {
            return Optional.of(prometheus);
        }
        if (registry instanceof CompositeMeterRegistry composite) {
            return composite.getRegistries().stream().flatMap(child -> prometheus(child).stream()).findFirst();
        }
        return Optional.empty();
    }
}

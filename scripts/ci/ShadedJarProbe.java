import com.basho.riak.client.api.convert.JSONConverter;
import com.basho.riak.client.core.codec.TermToBinaryCodec;
import com.basho.riak.client.core.util.BinaryValue;
import io.leaderlatch.metrics.MeterRegistries;
import io.leaderlatch.shaded.com.typesafe.config.ConfigFactory;
import io.leaderlatch.shaded.org.joda.time.DateTime;
import io.leaderlatch.shaded.org.joda.time.DateTimeZone;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Run by scripts/ci/jar-check with the shaded jar as the whole class path:
 *
 *   java -cp service/target/riak-leader-latch.jar scripts/ci/ShadedJarProbe.java
 *
 * Uses each relocated library the way the service or riak-client does, so that a relocation
 * that breaks a string lookup (a resource, a service file, a class name) fails here, not in
 * production. Prints one line per check; exits 1 on the first failure.
 */
public class ShadedJarProbe {

    public static void main(String[] args) throws Exception {
        // Typesafe Config: the defaults still come from reference.conf.
        check("Typesafe Config reads reference.conf",
                ConfigFactory.load().getString("leader-latch.store.type").equals("embedded"));

        // riak-client is not relocated; its Jackson and Joda references were rewritten. Its
        // JSON converter registers the Joda module, and the time zone comes from joda's resources.
        DateTime time = new DateTime(2024, 1, 2, 3, 4, DateTimeZone.forID("Europe/Paris"));
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("leader", "a");
        value.put("at", time);
        byte[] json = JSONConverter.getObjectMapper().writeValueAsBytes(value);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<String, Object> read = (Map<String, Object>) new JSONConverter(Map.class)
                .toDomain(BinaryValue.create(json), "application/json");
        check("riak-client converts JSON through relocated Jackson and Joda",
                "a".equals(read.get("leader")) && read.get("at") instanceof Number n && n.longValue() == time.getMillis());

        // jinterface, through riak-client's term_to_binary codec.
        check("riak-client encodes term_to_binary through relocated jinterface",
                TermToBinaryCodec.encodeTsQueryRequest("SELECT 1", null).size() > 0);

        // Micrometer, unrelocated, over relocated HdrHistogram (percentiles) and Dropwizard
        // metrics (the JMX reporter): the MBean names and attributes are unchanged.
        MeterRegistry registry = MeterRegistries.jmx("probe");
        Timer timer = Timer.builder("probe.timer").publishPercentiles(0.5).register(registry);
        timer.record(Duration.ofMillis(3));
        Gauge.builder("probe.gauge", () -> 42).register(registry);
        Object gauge = ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new ObjectName("probe:name=probeGauge,type=gauges"), "Value");
        Object count = ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new ObjectName("probe:name=probeTimer,type=timers"), "Count");
        check("meters reach JMX through relocated Dropwizard metrics and HdrHistogram",
                Double.valueOf(42).equals(gauge) && Long.valueOf(1).equals(count));
        registry.close();

        // The Prometheus registry over the relocated Prometheus client: the scrape text is unchanged.
        PrometheusMeterRegistry prometheus = MeterRegistries.prometheus();
        prometheus.counter("probe.counter", "kind", "x").increment();
        Timer.builder("probe.timer").register(prometheus).record(Duration.ofMillis(3));
        String scrape = prometheus.scrape();
        check("meters reach a Prometheus scrape through the relocated Prometheus client",
                scrape.contains("probe_counter_total{kind=\"x\"} 1") && scrape.contains("probe_timer_seconds_bucket{le=\"0.005\"} 1"));
        prometheus.close();
    }

    private static void check(String what, boolean ok) {
        if (!ok) {
            System.out.println("FAILED: " + what);
            System.exit(1);
        }
        System.out.println("ok: " + what);
    }
}

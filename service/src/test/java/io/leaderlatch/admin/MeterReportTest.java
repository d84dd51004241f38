package io.leaderlatch.admin;

import io.leaderlatch.metrics.MeterRegistries;
import io.leaderlatch.testing.LineClient;
import io.leaderlatch.testing.service.TestService;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The lines of {@code leader-latch metrics}, read from the instance MBean as the admin tool reads them. */
class MeterReportTest {

    @Test
    void numbersAreWholeOrToThreeDecimals() {
        assertThat(MeterReport.number(1.0)).isEqualTo("1");
        assertThat(MeterReport.number(0.0)).isEqualTo("0");
        assertThat(MeterReport.number(1.23456)).isEqualTo("1.235");
        assertThat(MeterReport.number(0.5)).isEqualTo("0.5");
        assertThat(MeterReport.number(1234567.0)).isEqualTo("1234567");
        assertThat(MeterReport.number(Double.NaN)).isEqualTo("NaN");
        assertThat(MeterReport.number(42)).isEqualTo("42");
    }

    @Test
    void linesAreSortedByMeterWithTheValuesLinedUp() {
        assertThat(MeterReport.format(List.of(
                new MeterReport.Row("leaderlatch.members", "value=0"),
                new MeterReport.Row("leaderlatch.fenced", "count=0"),
                new MeterReport.Row("leaderlatch.connections.open{listener=internal}", "value=1"))))
                .containsExactly(
                        "leaderlatch.connections.open{listener=internal}  value=1",
                        "leaderlatch.fenced                               count=0",
                        "leaderlatch.members                              value=0");
    }

    @Test
    void readsEveryMeterOfARunningService() throws Exception {
        String domain = "leaderlatch-test-" + UUID.randomUUID();
        MeterRegistry registry = MeterRegistries.jmx(domain);
        try (TestService service = TestService.start(registry, TestService.withJmxDomain(domain, true));
             LineClient client = service.connect()) {
            assertThat(client.join("g", "a")).isEqualTo("LEADER a");

            List<String> lines = MeterReport.read(ManagementFactory.getPlatformMBeanServer(), domain);

            assertThat(lines).anyMatch(line -> line.matches("leaderlatch\\.lease\\.held +value=1"))
                    .anyMatch(line -> line.matches("leaderlatch\\.joins\\{listener=internal,result=leader} +count=1"))
                    .anyMatch(line -> line.matches("leaderlatch\\.members +value=1"))
                    .anyMatch(line -> line.matches("leaderlatch\\.failover +count=0 mean=0ms max=0ms"))
                    .anyMatch(line -> line.matches(
                            "leaderlatch\\.store\\.requests\\{operation=create,outcome=written} +count=[0-9]+ mean=[0-9.]+ms max=[0-9.]+ms"));
            assertThat(lines).isSorted();
            assertThat(lines).noneMatch(line -> line.contains("percentile"));
            // 16 per listener, 9 service-wide, 5 of hints, and at least one store request timer.
            assertThat(lines).hasSizeGreaterThanOrEqualTo(16 + 9 + 5 + 1);
        } finally {
            registry.close();
        }
    }

    @Test
    void showsEachMeterWithTheNameAndTagsItWasRegisteredWith() throws Exception {
        String domain = "leaderlatch-test-" + UUID.randomUUID();
        MeterRegistry registry = MeterRegistries.jmx(domain);
        try (TestService service = TestService.start(registry, TestService.withJmxDomain(domain, true))) {
            // Tags the service itself never uses, values with dots: nothing known in advance.
            registry.counter("test.meter", "shard", "a.b.c", "az", "eu-1").increment();
            registry.counter("test.meter", "shard", "result", "az", "listener").increment(2);

            List<String> lines = MeterReport.read(ManagementFactory.getPlatformMBeanServer(), domain);

            assertThat(lines).anyMatch(line -> line.matches("test\\.meter\\{az=eu-1,shard=a\\.b\\.c} +count=1"))
                    .anyMatch(line -> line.matches("test\\.meter\\{az=listener,shard=result} +count=2"));
        } finally {
            registry.close();
        }
    }
}

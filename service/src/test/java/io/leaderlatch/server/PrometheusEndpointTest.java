package io.leaderlatch.server;

import io.leaderlatch.config.Settings;
import io.leaderlatch.metrics.MeterRegistries;
import io.leaderlatch.testing.LineClient;
import io.leaderlatch.testing.service.TestService;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The opt-in Prometheus scrape endpoint of a running service, read over HTTP as Prometheus reads it. */
class PrometheusEndpointTest {

    /** Its own JMX domain, so that no other test's MBeans are mistaken for these. */
    private final String domain = "leaderlatch-test-" + UUID.randomUUID();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void isOffByDefaultAndNothingIsBound() {
        Settings defaults = TestService.defaultSettings();
        assertThat(defaults.metrics().prometheus()).isEqualTo(new Settings.Prometheus(false, "127.0.0.1", 9323));
        Settings settings = settings(true, defaults.metrics().prometheus());
        MeterRegistry registry = Main.meterRegistry(settings.metrics());
        try (TestService service = TestService.start(registry, settings)) {
            assertThat(MeterRegistries.prometheus(registry)).isEmpty();
            assertThat(service.server().prometheusAddress()).isEmpty();
        } finally {
            registry.close();
        }
    }

    @Test
    void servesTheMetersInPrometheusNamesBesideJmx() throws Exception {
        Settings settings = settings(true, new Settings.Prometheus(true, "127.0.0.1", 0));
        MeterRegistry registry = Main.meterRegistry(settings.metrics());
        InetSocketAddress address;
        try (TestService service = TestService.start(registry, settings);
             LineClient client = service.connect()) {
            assertThat(client.join("g", "a")).isEqualTo("LEADER a");
            assertThat(client.join("g", "a")).isEqualTo("ALREADY_JOINED g a");
            address = service.server().prometheusAddress().orElseThrow();

            HttpResponse<String> scrape = get(address, "/metrics", "GET");

            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(scrape.body())
                    .containsPattern("(?m)^leaderlatch_joins_total\\{listener=\"internal\",result=\"leader\"} 1(\\.0)?$")
                    .containsPattern("(?m)^leaderlatch_joins_total\\{listener=\"internal\",result=\"follower\"} 0(\\.0)?$")
                    .containsPattern("(?m)^leaderlatch_confirmations_total\\{listener=\"internal\",result=\"confirmed\"} 1(\\.0)?$")
                    .containsPattern("(?m)^leaderlatch_lease_held 1(\\.0)?$")
                    .containsPattern("(?m)^leaderlatch_failover_seconds_count 0(\\.0)?$")
                    .containsPattern("(?m)^leaderlatch_failover_seconds_bucket\\{le=\"0\\.001\"} 0(\\.0)?$")
                    .containsPattern("(?m)^leaderlatch_failover_seconds_bucket\\{le=\"60\\.0\"} 0(\\.0)?$")
                    .containsPattern("(?m)^leaderlatch_store_requests_seconds_bucket"
                            + "\\{operation=\"create\",outcome=\"written\",le=\"\\+Inf\"} [1-9]")
                    // Percentiles come from the buckets only, computed by Prometheus.
                    .doesNotContain("quantile");
            // Both registries record every meter: JMX counts the same.
            assertThat(ManagementFactory.getPlatformMBeanServer().getAttribute(new ObjectName(domain
                    + ":name=leaderlatchJoins.listener.internal.result.leader,type=meters"), "Count")).isEqualTo(1L);

            assertThat(get(address, "/metrics", "HEAD").statusCode()).isEqualTo(200);
            HttpResponse<String> post = get(address, "/metrics", "POST");
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
            assertThat(get(address, "/", "GET").statusCode()).isEqualTo(404);
            assertThat(get(address, "/metrics/x", "GET").statusCode()).isEqualTo(404);
        } finally {
            registry.close();
        }
        assertThat(refused(address)).as("closed when the service stops").isTrue();
    }

    @Test
    void alsoServesWithJmxOff() throws Exception {
        Settings settings = settings(false, new Settings.Prometheus(true, "127.0.0.1", 0));
        MeterRegistry registry = Main.meterRegistry(settings.metrics());
        try (TestService service = TestService.start(registry, settings)) {
            assertThat(MeterRegistries.prometheus(registry)).get().isSameAs(registry);
            HttpResponse<String> scrape = get(service.server().prometheusAddress().orElseThrow(), "/metrics", "GET");
            assertThat(scrape.body()).containsPattern("(?m)^leaderlatch_lease_held 1(\\.0)?$");
            assertThat(ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName(domain + ":*"), null))
                    .as("no meter MBeans").allMatch(name -> "Instance".equals(name.getKeyProperty("type")));
        } finally {
            registry.close();
        }
    }

    @Test
    void anAddressInUseStopsStartUpNamingTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Settings settings = settings(false, new Settings.Prometheus(true, "127.0.0.1", taken.getLocalPort()));
            MeterRegistry registry = Main.meterRegistry(settings.metrics());
            try {
                assertThatThrownBy(() -> TestService.start(registry, settings))
                        .isInstanceOf(StartupException.class)
                        .hasMessageStartingWith("leader-latch.metrics.prometheus.bind = 127.0.0.1:" + taken.getLocalPort()
                                + ": cannot listen: ");
            } finally {
                registry.close();
            }
        }
    }

    private Settings settings(boolean jmx, Settings.Prometheus prometheus) {
        Settings defaults = TestService.defaultSettings();
        return new Settings(defaults.store(), defaults.embedded(), defaults.riak(), defaults.server(),
                defaults.election(), defaults.limits(),
                new Settings.Metrics(jmx, domain, prometheus));
    }

    private HttpResponse<String> get(InetSocketAddress address, String path, String method) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + address.getPort() + path);
        HttpRequest request = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static boolean refused(InetSocketAddress address) {
        try (Socket socket = new Socket("127.0.0.1", address.getPort())) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}

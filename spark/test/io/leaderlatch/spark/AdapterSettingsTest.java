package io.leaderlatch.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdapterSettingsTest {

    private static AdapterSettings read(Map<String, String> conf) {
        return AdapterSettings.read(key -> Optional.ofNullable(conf.get(key)));
    }

    @Test
    void readsEverySettingAndDefaultsTheGroupAndName() {
        AdapterSettings settings = read(Map.of(
                AdapterSettings.ENDPOINTS, " h1:5323,h2:5323 ",
                AdapterSettings.DIRECTORY, "/var/lib/spark/recovery"));

        assertThat(settings.endpoints()).isEqualTo("h1:5323,h2:5323");
        assertThat(settings.group()).isEqualTo("spark-master");
        assertThat(settings.clientName()).isEmpty();
        assertThat(settings.confirmationWindow()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.persistence())
                .isEqualTo(new AdapterSettings.Persistence.Directory(Path.of("/var/lib/spark/recovery")));
    }

    @Test
    void takesAGroupAndAClientName() {
        AdapterSettings settings = read(Map.of(
                AdapterSettings.ENDPOINTS, "h1:5323",
                AdapterSettings.GROUP, "cluster-7",
                AdapterSettings.CLIENT_NAME, "master-a",
                AdapterSettings.CONFIRMATION_WINDOW, "1500ms",
                AdapterSettings.PERSISTENCE, "DIRECTORY",
                AdapterSettings.DIRECTORY, "recovery"));

        assertThat(settings.group()).isEqualTo("cluster-7");
        assertThat(settings.clientName()).contains("master-a");
        assertThat(settings.confirmationWindow()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void readsTheRiakPersistence() {
        AdapterSettings settings = read(Map.of(
                AdapterSettings.ENDPOINTS, "h1:5323",
                AdapterSettings.PERSISTENCE, "riak",
                AdapterSettings.RIAK_ENDPOINTS, "riak1:8087, [fd00::3]:8087"));

        assertThat(settings.persistence()).isEqualTo(new AdapterSettings.Persistence.Riak(
                List.of(InetSocketAddress.createUnresolved("riak1", 8087),
                        InetSocketAddress.createUnresolved("fd00::3", 8087)),
                "strong", "spark-recovery"));
    }

    @Test
    void refusesRiakWithoutGoodEndpoints() {
        assertThatThrownBy(() -> read(Map.of(AdapterSettings.ENDPOINTS, "h1:5323", AdapterSettings.PERSISTENCE, "riak")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spark.deploy.leaderlatch.riak.endpoints");
        assertThatThrownBy(() -> read(Map.of(AdapterSettings.ENDPOINTS, "h1:5323", AdapterSettings.PERSISTENCE, "riak",
                AdapterSettings.RIAK_ENDPOINTS, "riak1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spark.deploy.leaderlatch.riak.endpoints");
    }

    @Test
    void refusesMissingEndpointsNamingTheKey() {
        assertThatThrownBy(() -> read(Map.of(AdapterSettings.DIRECTORY, "recovery")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spark.deploy.leaderlatch.endpoints");
    }

    @Test
    void refusesAMissingDirectoryNamingTheKey() {
        assertThatThrownBy(() -> read(Map.of(AdapterSettings.ENDPOINTS, "h1:5323")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spark.deploy.leaderlatch.directory");
    }

    @Test
    void refusesAnUnknownPersistence() {
        assertThatThrownBy(() -> read(Map.of(
                AdapterSettings.ENDPOINTS, "h1:5323",
                AdapterSettings.PERSISTENCE, "tape",
                AdapterSettings.DIRECTORY, "recovery")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spark.deploy.leaderlatch.persistence");
    }

    @Test
    void refusesAWindowThatIsNotAPositiveTime() {
        for (String window : new String[] {"soon", "0s"}) {
            assertThatThrownBy(() -> read(Map.of(
                    AdapterSettings.ENDPOINTS, "h1:5323",
                    AdapterSettings.CONFIRMATION_WINDOW, window,
                    AdapterSettings.DIRECTORY, "recovery")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("spark.deploy.leaderlatch.confirmationWindow");
        }
    }

    @Test
    void refusesNamesTheServiceWouldRefuse() {
        assertThatThrownBy(() -> read(Map.of(
                AdapterSettings.ENDPOINTS, "h1:5323",
                AdapterSettings.CLIENT_NAME, "master a",
                AdapterSettings.DIRECTORY, "recovery")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spark.deploy.leaderlatch.clientName");
        assertThatThrownBy(() -> read(Map.of(
                AdapterSettings.ENDPOINTS, "h1:5323",
                AdapterSettings.GROUP, "x".repeat(257),
                AdapterSettings.DIRECTORY, "recovery")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spark.deploy.leaderlatch.group");
    }
}

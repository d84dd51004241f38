package io.leaderlatch.server;

import io.leaderlatch.config.Settings;
import io.leaderlatch.config.SettingsLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code conf/systemd/riak-leader-latch.service}: tied to Riak's own unit, run as Riak's user,
 * starting the launcher of the documented install layout, and given time and descriptors enough.
 */
class SystemdUnitTest {

    private static final Path UNIT = Path.of("conf", "systemd", "riak-leader-latch.service");
    /** Where docs/operations.md installs the service: a copy of scripts/, conf/ and target/*.jar. */
    private static final String INSTALL_ROOT = "/opt/riak-leader-latch";

    private static Map<String, Map<String, List<String>>> sections;

    @BeforeAll
    static void read() throws IOException {
        sections = parse(Files.readAllLines(UNIT));
    }

    @Test
    void startsAfterRiakAndStopsAndRestartsWithIt() {
        assertThat(values("Unit", "After")).contains("riak.service");
        assertThat(values("Unit", "PartOf")).containsExactly("riak.service");
        assertThat(values("Install", "WantedBy")).containsExactly("riak.service");
    }

    @Test
    void runsAsRiak() {
        assertThat(values("Service", "User")).containsExactly("riak");
        assertThat(values("Service", "Group")).containsExactly("riak");
    }

    @Test
    void runsTheLauncherOfTheInstallLayoutInTheForeground() {
        List<String> command = values("Service", "ExecStart");
        assertThat(command.get(0)).startsWith(INSTALL_ROOT + "/");
        Path launcher = Path.of(command.get(0).substring(INSTALL_ROOT.length() + 1));
        assertThat(launcher).isEqualTo(Path.of("scripts", "leader-latch")).isRegularFile().isExecutable();
        assertThat(command.subList(1, command.size())).containsExactly("run", "--riak-conf", "/etc/riak/riak.conf");
        assertThat(values("Service", "Type")).containsExactly("simple");
        assertThat(values("Service", "WorkingDirectory")).containsExactly(INSTALL_ROOT);
    }

    @Test
    void aCleanStopHasTimeToFinishAndCountsAsSuccess() {
        assertThat(values("Service", "KillSignal")).containsExactly("SIGTERM");
        assertThat(values("Service", "Restart")).containsExactly("on-failure");
        assertThat(values("Service", "RestartPreventExitStatus")).containsExactly(String.valueOf(Main.EXIT_BAD_CONFIG));
        Duration shutdownTimeout = defaults().server().shutdownTimeout();
        // Four steps of a clean stop are each bounded by shutdown-timeout.
        assertThat(seconds(values("Service", "TimeoutStopSec").get(0)))
                .isGreaterThanOrEqualTo(shutdownTimeout.multipliedBy(4).plusSeconds(5));
        assertThat(values("Service", "SuccessExitStatus")).contains("143");
    }

    @Test
    void leavesRoomForManyClientConnections() {
        // One descriptor per client; 65536 is also the minimum Riak's own start script asks for.
        assertThat(Integer.parseInt(values("Service", "LimitNOFILE").get(0))).isGreaterThanOrEqualTo(65536);
    }

    private static Settings defaults() {
        return SettingsLoader.load(Optional.empty());
    }

    private static Duration seconds(String value) {
        assertThat(value).matches("[0-9]+s");
        return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
    }

    /** The whitespace-separated words of every {@code key=value} of {@code section}, in order. */
    private static List<String> values(String section, String key) {
        List<String> values = sections.getOrDefault(section, Map.of()).get(key);
        assertThat(values).as("%s= in [%s]", key, section).isNotNull();
        return values;
    }

    private static Map<String, Map<String, List<String>>> parse(List<String> lines) {
        Map<String, Map<String, List<String>>> parsed = new LinkedHashMap<>();
        Map<String, List<String>> current = null;
        for (String raw : lines) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = parsed.computeIfAbsent(line.substring(1, line.length() - 1), name -> new LinkedHashMap<>());
                continue;
            }
            int equals = line.indexOf('=');
            assertThat(current).as("a key outside a section: %s", line).isNotNull();
            assertThat(equals).as("not key=value: %s", line).isPositive();
            String value = line.substring(equals + 1).trim();
            current.computeIfAbsent(line.substring(0, equals).trim(), key -> new ArrayList<>())
                    .addAll(Arrays.asList(value.split("\\s+")));
        }
        return parsed;
    }
}

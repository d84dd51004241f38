package io.leaderlatch.admin;

import io.leaderlatch.server.Main;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exit codes operators' tools read are LSB's, with this service's own in LSB's range for
 * applications (150-199), and one table lists them: in docs/operations.md and in
 * {@code scripts/leader-latch help} alike, with every code the Java side returns.
 */
class ExitCodesTest {

    private static final Path OPERATIONS = Path.of("docs", "operations.md");
    private static final Path SCRIPT = Path.of("scripts", "leader-latch");

    @Test
    void theJavaSideUsesLsbsNumbers() throws ReflectiveOperationException {
        assertThat(AdminTool.EXIT_USAGE).as("invalid arguments").isEqualTo(2);
        assertThat(AdminTool.EXIT_CANNOT_TELL).as("status unknown").isEqualTo(4);
        assertThat(AdminTool.EXIT_BAD_CONFIG).as("not configured").isEqualTo(6);
        assertThat(AdminTool.EXIT_NOT_SERVING).as("the application's own").isBetween(150, 199);
        assertThat(mainsCode("EXIT_BAD_CONFIG")).as("the service's configuration error").isEqualTo(AdminTool.EXIT_BAD_CONFIG);
        assertThat(mainsCode("EXIT_STARTUP_FAILED")).as("generic failure").isEqualTo(1);
        assertThat(mainsCode("EXIT_USAGE")).as("the service's bad command line").isEqualTo(AdminTool.EXIT_USAGE);
    }

    @Test
    void theOperationsTableAndTheHelpListTheSameCodes() throws IOException {
        Set<Integer> documented = documented();
        assertThat(documented).contains(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(documented).as("LSB's codes, or its range for applications")
                .allMatch(code -> code >= 0 && code <= 7 || code >= 150 && code <= 199);
        assertThat(inHelp()).isEqualTo(documented);
    }

    @Test
    void everyCodeOfTheJavaSideIsDocumented() throws IOException, IllegalAccessException {
        Set<Integer> documented = documented();
        for (Class<?> type : List.of(AdminTool.class, Main.class)) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getName().startsWith("EXIT_") && Modifier.isStatic(field.getModifiers())) {
                    field.setAccessible(true);
                    assertThat(documented).as("%s.%s", type.getSimpleName(), field.getName())
                            .contains(field.getInt(null));
                }
            }
        }
    }

    /** An exit code of the service's {@code Main}, which keeps its codes to its own package. */
    private static int mainsCode(String name) throws ReflectiveOperationException {
        Field field = Main.class.getDeclaredField(name);
        field.setAccessible(true);
        return field.getInt(null);
    }

    /** The codes of the table under "### Exit codes" in docs/operations.md. */
    private static Set<Integer> documented() throws IOException {
        String text = Files.readString(OPERATIONS);
        int start = text.indexOf("\n### Exit codes\n");
        assertThat(start).as("an \"Exit codes\" section in %s", OPERATIONS).isNotNegative();
        int end = text.indexOf("\n#", start + 1);
        return codes(Pattern.compile("(?m)^\\| (\\d+) \\|"), text.substring(start, end < 0 ? text.length() : end));
    }

    /** The codes of the "Exit codes" list at the top of the script, which help prints. */
    private static Set<Integer> inHelp() throws IOException {
        String text = Files.readString(SCRIPT);
        int start = text.indexOf("\n# Exit codes");
        assertThat(start).as("an exit code list in %s", SCRIPT).isNotNegative();
        int end = text.indexOf("\n#\n", start);
        return codes(Pattern.compile("(?m)^# {3}(\\d+) +\\S"), text.substring(start, end));
    }

    private static Set<Integer> codes(Pattern pattern, String text) {
        Set<Integer> codes = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            codes.add(Integer.parseInt(matcher.group(1)));
        }
        return codes;
    }
}

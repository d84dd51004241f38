package io.leaderlatch.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ChildJvmTest {

    private static final List<String> SMALL = List.of("-Xmx32m", "-XX:TieredStopAtLevel=1");

    @TempDir
    Path dir;

    @Test
    void theCommandLineHoldsWhatTheCallerAskedForInOrder() {
        List<String> command = ChildJvm.of("example.Main").jvmOptions("-Xmx64m").jvmOptions(List.of("-Da=b"))
                .args("one").args(List.of("two")).command();

        assertThat(command.get(0)).endsWith("/bin/java");
        assertThat(command.subList(1, command.size())).containsExactly("-Xmx64m", "-Da=b", "-cp",
                System.getProperty("java.class.path"), "example.Main", "one", "two");
    }

    @Test
    void aLoggedChildWritesBothStreamsToItsLogAndReadsNothing() throws Exception {
        Path log = dir.resolve("echo.log");

        Process child = ChildJvm.of(Echo.class).jvmOptions(SMALL).jvmOptions("-Dgreeting=hello").args("one")
                .logTo(log).start();

        assertThat(child.waitFor(Timing.patience().toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readAllLines(log)).contains("args [one]", "greeting hello", "to stderr", "input ended");
    }

    @Test
    void aChildWithAnErrorLogTalksOverPipes() throws Exception {
        Path errors = dir.resolve("echo.err");

        Process child = ChildJvm.of(Echo.class).jvmOptions(SMALL).errorsTo(errors).start();
        List<String> out = new ArrayList<>();
        try (PrintStream in = new PrintStream(child.getOutputStream(), true, StandardCharsets.US_ASCII);
             BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            in.println("ping");
            for (String line = reader.readLine(); line != null && !line.equals("echo ping"); line = reader.readLine()) {
                out.add(line);
            }
            in.close();
            assertThat(child.waitFor(Timing.patience().toSeconds(), TimeUnit.SECONDS)).isTrue();
        }

        assertThat(out).contains("args []").doesNotContain("to stderr");
        assertThat(Files.readAllLines(errors)).containsExactly("to stderr");
    }

    @Test
    void theCommandLineRunsThroughTheWrapperAndWithoutALogErrorsJoinOutput() throws Exception {
        Process child = ChildJvm.of(Echo.class).jvmOptions(SMALL)
                .wrap(command -> {
                    List<String> wrapped = new ArrayList<>(List.of("env", "WRAPPED=yes"));
                    wrapped.addAll(command);
                    return wrapped;
                }).start();
        child.getOutputStream().close();

        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(child.waitFor(Timing.patience().toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("wrapped yes", "to stderr", "input ended");
    }

    /** The child: says what it was given, writes a line to standard error, echoes its input. */
    public static final class Echo {

        public static void main(String[] args) throws IOException {
            System.out.println("args " + List.of(args));
            System.out.println("greeting " + System.getProperty("greeting"));
            System.out.println("wrapped " + System.getenv("WRAPPED"));
            System.out.flush();
            System.err.println("to stderr");
            System.err.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                System.out.println("echo " + line);
                System.out.flush();
            }
            System.out.println("input ended");
        }
    }
}

package io.leaderlatch.client;

import io.leaderlatch.testing.service.TestService;
import io.leaderlatch.testing.Timing;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The join command's arguments and what it prints, against a real service. */
class JoinCommandTest {

    @Test
    void printsEachChangeWithAnIsoTimestamp() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        try (TestService service = TestService.start();
             LeaderLatch latch = JoinCommand.latchFor(List.of("g", "--endpoints",
                     "127.0.0.1:" + service.address().getPort(), "a"), new JoinCommand.Printer(out))) {
            latch.start();
            await().atMost(Timing.patience()).until(() -> printed.toString(StandardCharsets.UTF_8).lines().count() == 2);
        }
        await().atMost(Timing.patience()).until(() -> printed.toString(StandardCharsets.UTF_8).lines().count() == 4);
        assertThat(printed.toString(StandardCharsets.UTF_8).lines())
                .allMatch(line -> line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z .+"))
                .map(line -> line.substring(line.indexOf(' ') + 1))
                .containsExactly("leader a (term 1)", "leading (term 1)", "not leading", "leader none");
    }

    @Test
    void refusesMissingNamesAndUnknownFlags() {
        LeaderLatchListener quiet = new LeaderLatchListener() { };
        assertThatThrownBy(() -> JoinCommand.latchFor(List.of("g"), quiet)).hasMessageContaining("expected GROUP and CLIENT");
        assertThatThrownBy(() -> JoinCommand.latchFor(List.of("g", "a", "--port", "1"), quiet))
                .hasMessageContaining("unknown flag --port");
        assertThatThrownBy(() -> JoinCommand.latchFor(List.of("g", "a", "--endpoints"), quiet))
                .hasMessageContaining("--endpoints needs a value");
        assertThatThrownBy(() -> JoinCommand.latchFor(List.of("g", "a", "--endpoints", "nohost"), quiet))
                .hasMessageContaining("bad endpoint 'nohost'");
    }
}

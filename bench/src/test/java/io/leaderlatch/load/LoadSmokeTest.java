package io.leaderlatch.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load run is a tool, but its code is tested: every phase and every attack once, at tiny sizes,
 * against a real service. The run must end without an error, and its summary must account for
 * every member, every join and every attack it was asked for.
 */
class LoadSmokeTest {

    private static final Pattern ATTACK_ROW = Pattern.compile("(?m)^\\| ([\\w\\- ()]+) \\| ([\\d,]+) \\| .* \\| (\\d+) \\| .*\\|$");
    private static final Pattern CHURN_JOINS = Pattern.compile("Joins answered LEADER <a member>: ([\\d,]+) of ([\\d,]+)");

    @TempDir
    Path dir;

    @Test
    void everyPhaseAndAttackRunsAtTinySizesWithoutAnError() {
        LoadOptions options = LoadOptions.parse("--attack-time", "1s", "--probe-rate", "20", "--join-timeout", "500ms",
                "--address-limit", "20", "--silent", "10", "--members", "120", "--group-size", "4",
                "--heap-interval", "1s", "--churn-rate", "100", "--churn-time", "2s", "--churn-groups", "4",
                "--log-dir", dir.toString());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        LoadSummary summary = LoadRun.run(options, new PrintStream(progress, true, StandardCharsets.UTF_8));

        String text = summary.text();
        String context = text + "\n" + progress.toString(StandardCharsets.UTF_8);
        assertThat(summary.errors()).as(context).isEmpty();
        assertThat(text).as(context).contains("errors: 0\n");

        Matcher rows = ATTACK_ROW.matcher(text);
        int attacks = 0;
        while (rows.find()) {
            attacks++;
            assertThat(Integer.parseInt(rows.group(2).replace(",", ""))).as(rows.group()).isPositive();
            assertThat(rows.group(3)).as(rows.group()).isEqualTo("0");
        }
        assertThat(attacks).as(context).isEqualTo(1 + Attack.values().length);
        for (Attack attack : Attack.values()) {
            assertThat(text).contains("| " + attack.key() + " |");
        }

        assertThat(text).as(context).contains("120 members in 30 groups of 4")
                .contains("every member was told its group's leader")
                .contains("The 4 anchor members stayed connected and leading through every attack.");

        Matcher churn = CHURN_JOINS.matcher(text);
        assertThat(churn.find()).as(context).isTrue();
        assertThat(churn.group(1)).isEqualTo(churn.group(2));
        assertThat(Integer.parseInt(churn.group(2).replace(",", ""))).isPositive();
    }
}

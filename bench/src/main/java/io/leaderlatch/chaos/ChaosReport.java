package io.leaderlatch.chaos;

import java.time.Duration;
import java.util.List;

/**
 * What one seeded run did and found.
 *
 * @param events       client events, faults and heals carried out
 * @param faults       faults among them
 * @param leaderships  leaderships (strict and lease-confirmed) the one-leader check compared
 * @param settleChecks heals after which the groups were checked to settle
 * @param slowestSettle the longest a settle check waited
 */
record ChaosReport(long seed, int rounds, int events, int faults, int leaderships, int settleChecks,
                   Duration slowestSettle, List<Violation> violations) {

    String summary() {
        return String.format("seed %d: %d rounds, %d events, %d faults, %d leaderships checked, %d settle checks"
                        + " (slowest %d ms), %d violations", seed, rounds, events, faults, leaderships, settleChecks,
                slowestSettle.toMillis(), violations.size());
    }

    /** The summary, each violation with its history, and how to replay the run. */
    String describe() {
        return describe("");
    }

    /**
     * As {@link #describe()}, the replay command with {@code soakFlags} (" --hosts", " --real-riak")
     * for a run of that kind.
     */
    String describe(String soakFlags) {
        StringBuilder text = new StringBuilder(summary()).append('\n');
        violations.forEach(v -> text.append(v.describe()));
        if (!violations.isEmpty()) {
            text.append("replay: scripts/soak").append(soakFlags).append(" --seed ").append(seed)
                    .append(" --seeds 1 --rounds ").append(rounds).append("\n");
        }
        return text.toString();
    }
}

package io.leaderlatch.bench;

import java.time.Duration;
import java.util.List;

/**
 * Brings a freshly started server (and this JVM's clients of it) up to speed before anything is
 * measured: new groups and churn, alternately, for a while. A scenario's own warm-up rounds are
 * too short for the JIT compiler to reach the connection and election paths.
 */
final class WarmUp {

    private WarmUp() {
    }

    static void run(Contender contender, Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        Scenario firstLeaders = new FirstLeader("warm-up", List.of(ContenderKind.SERVICE), 100);
        Scenario churn = new Churn(16, Duration.ofSeconds(1));
        while (System.nanoTime() < end) {
            firstLeaders.run(contender, Recorder.discarding());
            churn.run(contender, Recorder.discarding());
        }
    }
}

package io.leaderlatch.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Waits, within a bound, for every group to pass {@link GroupCheck}: pushes may still be on their way. */
final class Convergence {

    static final Duration BOUND = Duration.ofSeconds(30);

    private Convergence() {
    }

    /** The errors left once the groups pass, or once {@link #BOUND} has passed. */
    static List<String> await(Supplier<Map<String, List<GroupCheck.Seen>>> groups, boolean oldestLeads) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        List<String> errors = GroupCheck.errors(groups.get(), oldestLeads);
        while (!errors.isEmpty() && System.nanoTime() < deadline) {
            AttackPhase.pause(Duration.ofMillis(50));
            errors = GroupCheck.errors(groups.get(), oldestLeads);
        }
        return errors;
    }
}

package io.leaderlatch.chaos;

import java.util.List;

/**
 * A broken invariant: what broke, and the entries around it, enough to read what happened.
 *
 * @param rule    {@code one-leader (strict)}, {@code one-leader (lease-confirmed)} or {@code liveness}
 * @param excerpt the recorded entries around the violation, in time order
 */
record Violation(String rule, String group, String what, List<Entry> excerpt) {

    String describe() {
        StringBuilder text = new StringBuilder(rule + " violated in group " + group + ": " + what + "\n");
        excerpt.forEach(entry -> text.append("    ").append(entry).append('\n'));
        return text.toString();
    }
}

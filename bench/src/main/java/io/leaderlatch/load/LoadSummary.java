package io.leaderlatch.load;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** What a load run prints: a section per phase, then every error; the run fails if there is one. */
final class LoadSummary {

    /** Errors printed in full; beyond this they are only counted. */
    private static final int SHOWN_ERRORS = 20;

    private final StringBuilder text = new StringBuilder();
    private final List<String> errors = new ArrayList<>();

    synchronized void section(String title) {
        text.append('\n').append("== ").append(title).append(" ==\n");
    }

    synchronized void line(String line) {
        text.append(line).append('\n');
    }

    synchronized void error(String error) {
        errors.add(error);
    }

    synchronized void errors(Collection<String> more) {
        errors.addAll(more);
    }

    synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    synchronized String text() {
        StringBuilder out = new StringBuilder(text);
        out.append("\n== Result ==\n").append("errors: ").append(errors.size()).append('\n');
        errors.stream().limit(SHOWN_ERRORS).forEach(error -> out.append("ERROR ").append(error).append('\n'));
        if (errors.size() > SHOWN_ERRORS) {
            out.append("... and ").append(errors.size() - SHOWN_ERRORS).append(" more\n");
        }
        return out.toString();
    }
}

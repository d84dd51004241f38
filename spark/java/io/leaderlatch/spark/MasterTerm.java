package io.leaderlatch.spark;

import java.util.OptionalLong;

/**
 * The term of the leadership a master holds: set by its election agent, written with every change
 * its persistence engine makes, so that the recovery store can refuse a change from a master whose
 * term is older than the one stored with the state (a master that was paused and has not yet
 * learnt that another took over). One per master, shared through the recovery-mode factory.
 */
final class MasterTerm {

    /** Leading under a service too old to tell terms: changes are written, but not fenced. */
    static final long UNFENCED = 0;
    private static final long NOT_LEADING = -1;

    private volatile long term = NOT_LEADING;
    private volatile Runnable onFencedOff = () -> { };

    /** The master leads, in {@code term} (empty: the service tells no terms). */
    void gained(OptionalLong term) {
        this.term = term.orElse(UNFENCED);
    }

    /** The master no longer leads: it writes nothing from now on. */
    void lost() {
        term = NOT_LEADING;
    }

    /** The term to write with; a master that does not lead may not write. */
    long forWrite() {
        long current = term;
        if (current == NOT_LEADING) {
            throw new FencedOffException("this master does not lead: it may not change the recovery state");
        }
        return current;
    }

    /** What to do when the store refuses a change as fenced off: the agent steps down. */
    void whenFencedOff(Runnable action) {
        onFencedOff = action;
    }

    void fencedOff() {
        onFencedOff.run();
    }
}

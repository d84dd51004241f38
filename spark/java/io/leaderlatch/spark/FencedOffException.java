package io.leaderlatch.spark;

/**
 * A change to the recovery state refused because the master that made it no longer leads: its
 * term is older than the term stored with the state, or it holds no leadership at all. Nothing of
 * the change was applied where a master reading the state could see it.
 */
public final class FencedOffException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    FencedOffException(String message) {
        super(message);
    }

    /** The refusal of a change in {@code term} to a state stored with the newer {@code stored}. */
    static FencedOffException olderTerm(long term, long stored, String where) {
        return new FencedOffException("term " + term + " of this master is older than term " + stored
                + " stored with " + where + ": another master leads; the change is refused");
    }
}

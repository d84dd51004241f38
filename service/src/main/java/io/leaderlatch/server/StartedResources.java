package io.leaderlatch.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What start-up has started so far, each with how to undo it. When a later step fails, everything
 * is undone in reverse order, so a failed start leaves no port bound, no thread running and no
 * instance record in the store.
 */
final class StartedResources {

    private static final Logger log = LoggerFactory.getLogger(StartedResources.class);

    /** How to undo one step. */
    @FunctionalInterface
    interface Undo {
        void run() throws Exception;
    }

    private record Step(String what, Undo undo) {
    }

    private final Deque<Step> steps = new ArrayDeque<>();

    /** Records a step that has succeeded; {@code what} names it in the log if undoing it fails. */
    void started(String what, Undo undo) {
        steps.push(new Step(what, undo));
    }

    /**
     * Undoes every step, newest first. A step that cannot be undone is logged and added to
     * {@code failure} as suppressed; the others are undone all the same.
     */
    void undoAll(Throwable failure) {
        while (!steps.isEmpty()) {
            Step step = steps.pop();
            try {
                step.undo().run();
            } catch (Exception | Error e) {
                log.warn("start-up failed, and undoing '{}' failed too: {}", step.what(), e.toString());
                failure.addSuppressed(e);
            }
        }
    }
}

package io.leaderlatch.election;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * Continues a store call on the election executor. What the continuation itself throws is logged
 * at ERROR instead of being kept in a stage that nobody reads: a bug there must show in the log,
 * not leave a group or the lease waiting in silence.
 */
final class OnExecutor {

    private static final Logger log = LoggerFactory.getLogger(OnExecutor.class);

    private OnExecutor() {
    }

    /**
     * Runs {@code action} on {@code executor} once {@code stage} completes, with its value or its
     * failure. Once the executor is shut down (the coordinator closed), the action does not run.
     */
    // The stage whenCompleteAsync returns could only hold what the action threw, logged here, or
    // the executor's refusal after close, which is expected then.
    @SuppressWarnings("FutureReturnValueIgnored")
    static <T> void whenComplete(CompletionStage<T> stage, Executor executor,
                                 BiConsumer<? super T, ? super Throwable> action) {
        stage.whenCompleteAsync((value, error) -> {
            try {
                action.accept(value, error);
            } catch (RuntimeException | Error e) {
                log.error("an election step failed on the election thread", e);
            }
        }, executor);
    }
}

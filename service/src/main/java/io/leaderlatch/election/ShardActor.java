package io.leaderlatch.election;

import io.leaderlatch.store.Conflict;
import io.leaderlatch.store.ElectionStore;
import io.leaderlatch.store.Found;
import io.leaderlatch.store.ReadOutcome;
import io.leaderlatch.store.Unavailable;
import io.leaderlatch.store.Version;
import io.leaderlatch.store.WriteOutcome;
import io.leaderlatch.store.Written;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One shard record ({@link GroupShards}) as this instance sees it, and the serial queue through
 * which this instance changes it.
 *
 * <p>At most one conditional write per shard is in flight. Changes that arrive meanwhile, to any
 * group of the shard, wait and go out together in the next write, so a burst of joins and
 * departures costs few store round trips. A lost race (conflict) re-reads the record and applies
 * the same changes again. Departures that could not be written are retried with backoff until the
 * store takes them: a member that left must never stay in the record. Members of instances known
 * to be dead are dropped from every record this actor writes. A refused join is decided on a
 * record read in the same round, never on a cached one that may be old. Everything here runs on
 * the coordinator's thread.
 */
// Retries are scheduled on the election executor, whose afterExecute logs any that fail; store
// calls end in handlers there that deal with the store's failures themselves.
@SuppressWarnings("FutureReturnValueIgnored")
final class ShardActor {

    /** What the coordinator does with the shard's changes, and what it knows of instances. */
    interface Listener {
        /**
         * A write of {@code batch} was confirmed ({@code batch} empty: a read found a change);
         * {@code before} is the record as last reported here, so that changes other instances made,
         * which a re-read within the round took in, are reported too; joins in
         * {@code rejectedJoins} were not applied because their client name was taken.
         */
        void applied(ShardActor shard, List<GroupChange> batch, ShardRecord before, ShardRecord after,
                     Set<MemberId> rejectedJoins);

        void failed(ShardActor shard, List<GroupChange> batch, Unavailable reason);

        void idle(ShardActor shard);

        /** True for an instance whose members must be removed wherever they are found. */
        boolean isDead(String instanceId);
    }

    private final int index;
    private final String key;
    private final ElectionStore store;
    private final ScheduledExecutorService executor;
    private final CoordinatorOptions options;
    private final Listener listener;

    private final ArrayDeque<GroupChange> pending = new ArrayDeque<>(4);
    private ShardRecord record = ShardRecord.EMPTY;
    /**
     * The record as the listener was last told it. A write round may re-read the record (after a
     * conflict, say) and so take in other instances' changes; they are reported with the round's
     * own, against this, never silently adopted.
     */
    private ShardRecord reported = ShardRecord.EMPTY;
    private Version version;
    private boolean recordKnown;
    /** The record was read in the round under way, so a refusal may be decided on it. */
    private boolean readThisRound;
    private boolean inFlight;
    private boolean retryScheduled;
    /** A hint came while a read or write was under way, which may have missed the change it names. */
    private boolean rereadWanted;
    private int conflicts;
    private int failures;
    /** {@link System#nanoTime()} of the last confirmed read or write. */
    private long lastConfirmed = System.nanoTime();

    ShardActor(int index, ElectionStore store, ScheduledExecutorService executor, CoordinatorOptions options,
               Listener listener) {
        this.index = index;
        this.key = GroupShards.key(index);
        this.store = store;
        this.executor = executor;
        this.options = options;
        this.listener = listener;
    }

    int index() {
        return index;
    }

    /** The record as of this instance's last read or write. */
    ShardRecord lastKnown() {
        return record;
    }

    /** Nanoseconds since the record was last confirmed by a read or a write. */
    long sinceConfirmed(long now) {
        return now - lastConfirmed;
    }

    boolean idle() {
        return !inFlight && !retryScheduled && pending.isEmpty();
    }

    /**
     * Re-reads the record to learn of changes other instances made, unless a write is under way
     * (a confirmed conditional write proves the record it was based on was current).
     */
    void refresh() {
        if (inFlight || retryScheduled) {
            return;
        }
        inFlight = true;
        whenDone(store.get(key), (outcome, error) -> onRefresh(error == null ? outcome : failure(error)));
    }

    /**
     * Another instance says it has just changed the record: re-read it now, or, when a read or
     * write is under way (which may have been served before that change), as soon as it ends.
     * However many hints arrive, one re-read is in flight and at most one more is wanted.
     */
    void hinted() {
        if (inFlight || retryScheduled) {
            rereadWanted = true;
        } else {
            refresh();
        }
    }

    void submit(GroupChange change) {
        pending.add(change);
        startRound();
    }

    private void onRefresh(ReadOutcome outcome) {
        inFlight = false;
        if (!(outcome instanceof Unavailable) && adopt(outcome) && !record.equals(reported)) {
            ShardRecord before = reported;
            reported = record;
            listener.applied(this, List.of(), before, record, Set.of());
        }
        startRound();
        reportIfIdle();
    }

    private void startRound() {
        if (inFlight || pending.isEmpty()) {
            return;
        }
        inFlight = true;
        conflicts = 0;
        readThisRound = false;
        List<GroupChange> batch = new ArrayList<>(pending);
        pending.clear();
        if (recordKnown) {
            apply(batch);
        } else {
            read(batch);
        }
    }

    private void read(List<GroupChange> batch) {
        whenDone(store.get(key), (outcome, error) -> onRead(batch, error == null ? outcome : failure(error)));
    }

    private void onRead(List<GroupChange> batch, ReadOutcome outcome) {
        if (outcome instanceof Unavailable unavailable) {
            fail(batch, unavailable, false);
        } else if (adopt(outcome)) {
            readThisRound = true;
            apply(batch);
        } else {
            fail(batch, Unavailable.of("unreadable record " + key), false);
        }
    }

    /** Takes a read's result as the known record; false when the stored record cannot be parsed. */
    private boolean adopt(ReadOutcome outcome) {
        if (outcome instanceof Found found) {
            try {
                ShardRecord read = ShardRecordCodec.decode(found.value(), record);
                if (!read.equals(record)) {
                    record = read;
                }
            } catch (IllegalArgumentException e) {
                recordKnown = false;
                return false;
            }
            version = found.version();
        } else {
            record = ShardRecord.EMPTY;
            version = null;
        }
        recordKnown = true;
        lastConfirmed = System.nanoTime();
        return true;
    }

    private void apply(List<GroupChange> batch) {
        ShardRecord before = record;
        ShardRecord.Editor editor = before.edit();
        List<GroupChange> applied = withDeadInstancesRemoved(batch, before);
        Set<MemberId> rejected = new HashSet<>();
        for (GroupChange change : applied) {
            if (change instanceof GroupChange.Join join && join.refusedBy(editor.group(join.group()))) {
                rejected.add(join.id());
            }
            change.applyTo(editor);
        }
        if (!rejected.isEmpty() && !readThisRound) {
            // A name taken in the cached record may have been freed since: decide on a fresh read.
            recordKnown = false;
            read(batch);
            return;
        }
        ShardRecord after = editor.build();
        if (after == before) {
            finish(applied, after, rejected);
            return;
        }
        CompletableFuture<WriteOutcome> write = version == null
                ? store.create(key, ShardRecordCodec.encode(after))
                : store.compareAndSet(key, version, ShardRecordCodec.encode(after));
        whenDone(write, (outcome, error) ->
                onWrite(batch, applied, after, rejected, error == null ? outcome : failure(error)));
    }

    /** The batch, led by a removal of each dead instance that still has members in the record. */
    private List<GroupChange> withDeadInstancesRemoved(List<GroupChange> batch, ShardRecord current) {
        List<GroupChange> removals = new ArrayList<>(0);
        long now = System.nanoTime();
        for (String instance : current.instances()) {
            if (listener.isDead(instance)) {
                removals.add(new GroupChange.RemoveInstance(instance, now));
            }
        }
        if (removals.isEmpty()) {
            return batch;
        }
        removals.addAll(batch);
        return removals;
    }

    private void onWrite(List<GroupChange> batch, List<GroupChange> applied, ShardRecord target,
                         Set<MemberId> rejected, WriteOutcome outcome) {
        if (outcome instanceof Written written) {
            record = target;
            version = written.version();
            lastConfirmed = System.nanoTime();
            finish(applied, target, rejected);
        } else if (outcome instanceof Conflict) {
            recordKnown = false;
            if (++conflicts > options.conflictRetries()) {
                fail(batch, Unavailable.of("gave up after " + options.conflictRetries()
                        + " conflicting writes to " + key), false);
            } else {
                read(batch);
            }
        } else {
            Unavailable unavailable = (Unavailable) outcome;
            recordKnown = false;
            fail(batch, unavailable, unavailable.outcomeUnknown());
        }
    }

    private void finish(List<GroupChange> batch, ShardRecord after, Set<MemberId> rejected) {
        inFlight = false;
        failures = 0;
        // Against what the listener last saw: a re-read in this round may have brought changes.
        ShardRecord seen = reported;
        reported = after;
        listener.applied(this, batch, seen, after, rejected);
        startRound();
        reportIfIdle();
    }

    /**
     * Gives up on a batch. Joins fail at once (the client is told); departures and removals go back
     * in the queue. When a write may have been applied without confirmation, a failed join may have
     * reached the record, so its removal is queued too.
     */
    private void fail(List<GroupChange> batch, Unavailable reason, boolean writeMayHaveApplied) {
        inFlight = false;
        listener.failed(this, batch, reason);
        List<GroupChange> retry = new ArrayList<>();
        for (GroupChange change : batch) {
            if (change instanceof GroupChange.Join join) {
                if (writeMayHaveApplied) {
                    retry.add(new GroupChange.Leave(join.group(), join.id(), System.nanoTime()));
                }
            } else {
                retry.add(change);
            }
        }
        if (retry.isEmpty()) {
            startRound();
        } else {
            for (int i = retry.size() - 1; i >= 0; i--) {
                pending.addFirst(retry.get(i));
            }
            scheduleRetry();
        }
        reportIfIdle();
    }

    private void scheduleRetry() {
        long base = options.retryBackoff().toNanos();
        long delay = Math.min(options.retryBackoffMax().toNanos(), base << Math.min(failures, 20));
        failures++;
        retryScheduled = true;
        executor.schedule(() -> {
            retryScheduled = false;
            startRound();
            reportIfIdle();
        }, delay, TimeUnit.NANOSECONDS);
    }

    private void reportIfIdle() {
        if (rereadWanted && !inFlight && !retryScheduled) {
            rereadWanted = false;
            refresh();
            return;
        }
        if (idle()) {
            listener.idle(this);
        }
    }

    private <T> void whenDone(CompletableFuture<T> future, BiConsumer<T, Throwable> action) {
        OnExecutor.whenComplete(future, executor, action);
    }

    private static Unavailable failure(Throwable error) {
        return Unavailable.unknownOutcome("store call failed: " + error);
    }
}

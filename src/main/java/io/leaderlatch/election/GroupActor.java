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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One group as this instance sees it: its local members, and the serial queue through which this
 * instance changes the group's record.
 *
 * <p>At most one conditional write per group is in flight. Changes that arrive meanwhile wait and
 * go out together in the next write, so a burst of joins and departures costs few store round
 * trips. A lost race (conflict) re-reads the record and applies the same changes again. Departures
 * that could not be written are retried with backoff until the store takes them: a member that
 * left must never stay in the record. Everything here runs on the coordinator's thread.
 */
final class GroupActor {

    /** What the coordinator does with the result of a write. */
    interface Listener {
        void applied(GroupActor group, List<GroupChange> batch, GroupRecord before, GroupRecord after,
                     Set<MemberId> rejectedJoins);

        void failed(GroupActor group, List<GroupChange> batch, Unavailable reason);

        void idle(GroupActor group);
    }

    private final String name;
    private final String key;
    private final ElectionStore store;
    private final ScheduledExecutorService executor;
    private final CoordinatorOptions options;
    private final Listener listener;

    /**
     * This instance's members of the group, in the order they joined here. Collections here start
     * small: most groups have a few members, and there is one actor per group.
     */
    final Set<LocalMember> locals = new LinkedHashSet<>(4);

    private final ArrayDeque<GroupChange> pending = new ArrayDeque<>(4);
    private GroupRecord record = GroupRecord.EMPTY;
    private Version version;
    private boolean recordKnown;
    private boolean inFlight;
    private boolean retryScheduled;
    /** A hint came while a read or write was under way, which may have missed the change it names. */
    private boolean rereadWanted;
    private int conflicts;
    private int failures;

    GroupActor(String name, ElectionStore store, ScheduledExecutorService executor,
               CoordinatorOptions options, Listener listener) {
        this.name = name;
        this.key = "group/" + name;
        this.store = store;
        this.executor = executor;
        this.options = options;
        this.listener = listener;
    }

    String name() {
        return name;
    }

    /** The record as of this instance's last read or write. */
    GroupRecord lastKnown() {
        return record;
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

    private void onRefresh(ReadOutcome outcome) {
        GroupRecord before = record;
        Version beforeVersion = version;
        inFlight = false;
        if (!(outcome instanceof Unavailable)) {
            if (!adopt(outcome)) {
                return;
            }
            if (!record.equals(before) || !Objects.equals(version, beforeVersion)) {
                listener.applied(this, List.of(), before, record, Set.of());
            }
        }
        startRound();
        reportIfIdle();
    }

    void submit(GroupChange change) {
        pending.add(change);
        startRound();
    }

    private void startRound() {
        if (inFlight || pending.isEmpty()) {
            return;
        }
        inFlight = true;
        conflicts = 0;
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
            apply(batch);
        } else {
            fail(batch, Unavailable.of("unreadable record " + key), false);
        }
    }

    /** Takes a read's result as the known record; false when the stored record cannot be parsed. */
    private boolean adopt(ReadOutcome outcome) {
        if (outcome instanceof Found found) {
            try {
                GroupRecord read = GroupRecordCodec.decode(found.value());
                // Most reads (polls) find the record as this instance last wrote or read it: keep
                // that copy, whose names are shared with the sessions, and drop the parsed one.
                if (!read.equals(record)) {
                    record = read;
                }
            } catch (IllegalArgumentException e) {
                recordKnown = false;
                return false;
            }
            version = found.version();
        } else {
            record = GroupRecord.EMPTY;
            version = null;
        }
        recordKnown = true;
        return true;
    }

    private void apply(List<GroupChange> batch) {
        GroupRecord before = record;
        GroupRecord after = before;
        Set<MemberId> rejected = new HashSet<>();
        for (GroupChange change : batch) {
            if (change instanceof GroupChange.Join join && join.refusedBy(after)) {
                rejected.add(join.id());
            }
            after = change.applyTo(after);
        }
        if (after.isEmpty() && version == null) {
            // Nothing stored and nothing to store: e.g. a join and its departure in one batch.
            finish(batch, before, GroupRecord.EMPTY, rejected);
            return;
        }
        if (after.equals(before)) {
            finish(batch, before, after, rejected);
            return;
        }
        CompletableFuture<WriteOutcome> write;
        if (after.isEmpty()) {
            write = store.delete(key, version);
        } else if (version == null) {
            write = store.create(key, GroupRecordCodec.encode(after));
        } else {
            write = store.compareAndSet(key, version, GroupRecordCodec.encode(after));
        }
        GroupRecord target = after;
        whenDone(write, (outcome, error) ->
                onWrite(batch, before, target, rejected, error == null ? outcome : failure(error)));
    }

    private void onWrite(List<GroupChange> batch, GroupRecord before, GroupRecord target,
                         Set<MemberId> rejected, WriteOutcome outcome) {
        if (outcome instanceof Written written) {
            record = target.isEmpty() ? GroupRecord.EMPTY : target;
            version = target.isEmpty() ? null : written.version();
            finish(batch, before, target, rejected);
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

    private void finish(List<GroupChange> batch, GroupRecord before, GroupRecord after, Set<MemberId> rejected) {
        inFlight = false;
        failures = 0;
        listener.applied(this, batch, before, after, rejected);
        startRound();
        reportIfIdle();
    }

    /**
     * Gives up on a batch. Joins fail at once (the client is told); departures go back in the
     * queue. When a write may have been applied without confirmation, a failed join may have
     * reached the record, so its removal is queued too.
     */
    private void fail(List<GroupChange> batch, Unavailable reason, boolean writeMayHaveApplied) {
        inFlight = false;
        listener.failed(this, batch, reason);
        List<GroupChange> retry = new ArrayList<>();
        for (GroupChange change : batch) {
            if (change instanceof GroupChange.Join join) {
                if (writeMayHaveApplied) {
                    retry.add(new GroupChange.Leave(join.id(), System.nanoTime()));
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
        future.whenCompleteAsync(action, executor);
    }

    private static Unavailable failure(Throwable error) {
        return Unavailable.unknownOutcome("store call failed: " + error);
    }
}

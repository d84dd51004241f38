package io.leaderlatch.election;

import io.leaderlatch.store.ElectionStore;
import io.leaderlatch.store.Found;
import io.leaderlatch.store.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * Runs the elections of one service instance: adds and removes members through conditional
 * writes to the {@link ElectionStore}, and tells local members who leads.
 *
 * <p>The rules: a group exists from its first member; the leader is the longest-waiting member;
 * when it leaves, the next one in join order leads, and every member is told. Nobody is told
 * anything that the store has not confirmed, nothing at all while this instance does not hold its
 * lease ({@link LeaseKeeper}), and no answer names a leader on another instance that this one
 * cannot vouch for ({@link InstanceWatcher}): such answers wait until the leader's instance is
 * seen to renew, or is declared dead and its members removed. Groups live in shard records
 * ({@link GroupShards}, {@link ShardActor}). Changes made by other instances are learnt from the
 * change hints they send ({@link #hinted}, {@link ChangeHints}), and, should a hint be lost, from
 * a slow re-read of the shards holding groups shared with them.
 *
 * <p>All state is owned by one coordinator thread; {@link #join} and {@link #leave} only hand
 * work to it, so callers (Netty event loops) never wait. Store calls are asynchronous and their
 * results come back to this thread. What the lease keeper, the watcher and the shard actors report
 * reaches a private listener that runs there too; none of it is a public method. The coordinator
 * is started once and closed once: a second {@link #start()} is refused rather than doubling the
 * renewals and polls.
 */
// Tasks scheduled on the election executor are not awaited: its afterExecute logs any that fail.
// Store calls end in handlers on that executor that deal with the store's failures themselves.
@SuppressWarnings("FutureReturnValueIgnored")
public final class ElectionCoordinator implements ElectionService, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ElectionCoordinator.class);

    /** LATENT until {@link #start()}, CLOSED for good after {@link #close()}; moved by compare-and-set. */
    private enum Lifecycle { LATENT, STARTED, CLOSED }

    private final ElectionStore store;
    private final CoordinatorOptions options;
    private final ElectionObserver observer;
    private final ScheduledThreadPoolExecutor executor;
    private final Events events = new Events();
    private final LeaseKeeper lease;
    private final InstanceWatcher watcher;
    private final ChangeHints hints;
    private final AtomicReference<Lifecycle> lifecycle = new AtomicReference<>(Lifecycle.LATENT);

    private final ShardActor[] shards = new ShardActor[GroupShards.COUNT];
    private final int[] localGroupsPerShard = new int[GroupShards.COUNT];
    private final Map<String, GroupState> groups = new HashMap<>();
    private final Map<ElectionMember, LocalMember> members = new IdentityHashMap<>();
    private final Map<MemberId, LocalMember> membersById = new HashMap<>();
    /** Groups whose leader cannot be named yet: their answers and pushes wait. */
    private final Set<GroupState> waitingForLeader = new LinkedHashSet<>();
    /** JOINs waiting to learn whether the holder of their client name is alive. */
    private final Set<LocalMember> waitingForName = new LinkedHashSet<>();
    private final List<CompletableFuture<Void>> idleWaiters = new ArrayList<>();
    private final CompletableFuture<Void> firstLease = new CompletableFuture<>();
    private long lastConnection;
    private String lastDiagnosis = "";
    private volatile int localGroups;
    private volatile int localMembers;
    private volatile boolean holdingLease;
    private volatile int otherInstances;

    /** A coordinator that neither takes nor sends change hints. */
    public ElectionCoordinator(ElectionStore store, CoordinatorOptions options, ElectionObserver observer) {
        this(store, options, observer, HintTransport.NONE);
    }

    /** A coordinator that publishes {@code hints}' address and sends hints through it. */
    public ElectionCoordinator(ElectionStore store, CoordinatorOptions options, ElectionObserver observer,
                               HintTransport hints) {
        this.store = store;
        this.options = options;
        this.observer = observer;
        this.executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "leader-latch-election");
            thread.setDaemon(true);
            return thread;
        }) {
            @Override
            protected void afterExecute(Runnable task, Throwable error) {
                logFailure(task, error);
            }
        };
        executor.setRemoveOnCancelPolicy(true);
        this.lease = new LeaseKeeper(options.instanceId(), store, executor, options, hints.address(), events);
        this.watcher = new InstanceWatcher(store, executor, options.lease(), lease::instanceId, events);
        this.hints = new ChangeHints(store, executor, hints);
    }

    /**
     * Starts keeping the lease and polling. The returned future completes once the lease is first
     * held; until then every JOIN is answered as unavailable.
     *
     * @throws IllegalStateException if it was started before, or closed
     */
    public CompletableFuture<Void> start() {
        if (!lifecycle.compareAndSet(Lifecycle.LATENT, Lifecycle.STARTED)) {
            throw new IllegalStateException("the election coordinator cannot be started "
                    + (lifecycle.get() == Lifecycle.CLOSED ? "once closed" : "twice"));
        }
        submit(this::checkStore);
        return firstLease.copy();
    }

    /**
     * Takes the lease only once the store says it can serve elections: a bucket type that is not
     * strongly consistent would accept the instance record, and then every conditional write would
     * be a blind one. Until then the diagnosis is logged whenever it changes, and checked again
     * every renew interval, so the service recovers by itself once the operator has fixed it.
     */
    private void checkStore() {
        OnExecutor.whenComplete(store.diagnose(), executor, (problem, error) -> {
            Optional<String> why = error != null ? Optional.of("the store check failed: " + error) : problem;
            if (why.isEmpty()) {
                lease.start();
                long poll = options.pollInterval().toNanos();
                executor.scheduleWithFixedDelay(this::poll, 0, poll, TimeUnit.NANOSECONDS);
                return;
            }
            if (!why.get().equals(lastDiagnosis)) {
                lastDiagnosis = why.get();
                log.error("store not ready: {} Answering JOIN_FAILED SERVICE_UNAVAILABLE and checking again every {} ms.",
                        why.get(), options.renewInterval().toMillis());
            }
            executor.schedule(this::checkStore, options.renewInterval().toNanos(), TimeUnit.NANOSECONDS);
        });
    }

    /** This instance's current id (a new incarnation after other instances declared it dead). */
    public String instanceId() {
        return lease.instanceId();
    }

    @Override
    public void join(String group, String client, ElectionMember member) {
        long arrivedAt = System.nanoTime();
        submit(() -> {
            if (members.containsKey(member)) {
                throw new IllegalStateException("member joined twice: " + client);
            }
            if (!lease.holds()) {
                member.joinFailed(JoinFailure.STORE_UNAVAILABLE);
                return;
            }
            MemberId id = new MemberId(lease.instanceId(), ++lastConnection);
            LocalMember local = new LocalMember(member, new GroupMember(id, client, System.currentTimeMillis()),
                    group, arrivedAt);
            members.put(member, local);
            membersById.put(id, local);
            GroupState state = groups.computeIfAbsent(group, GroupState::new);
            if (!state.hasLocals()) {
                localGroups++;
                localGroupsPerShard[state.shard]++;
            }
            state.add(local);
            localMembers++;
            local.deadline = executor.schedule(() -> answerLimitReached(local), options.answerLimit().toNanos(),
                    TimeUnit.NANOSECONDS);
            shard(state.shard).submit(new GroupChange.Join(group, local.entry));
        });
    }

    @Override
    public void leave(ElectionMember member) {
        long departedAt = System.nanoTime();
        submit(() -> {
            LocalMember local = members.get(member);
            if (local != null) {
                forget(local);
                shard(GroupShards.of(local.group)).submit(new GroupChange.Leave(local.group, local.id(), departedAt));
            }
        });
    }

    /**
     * Another instance says it has just changed {@code group}: re-read its shard now if this
     * instance has members in that shard, else nothing. Any thread; whoever calls it bounds how often.
     */
    public void hinted(String group) {
        submit(() -> {
            int shard = GroupShards.of(group);
            if (localGroupsPerShard[shard] > 0) {
                shard(shard).hinted();
            }
        });
    }

    /** Groups with at least one member connected to this instance. */
    public int localGroupCount() {
        return localGroups;
    }

    /** Members connected to this instance, including those whose JOIN is still being written. */
    public int localMemberCount() {
        return localMembers;
    }

    /** True while this instance holds its lease and so may answer joins. */
    public boolean holdsLease() {
        return holdingLease;
    }

    /** Unlike {@link #holdsLease()}, never late: see {@link ElectionService#holdsLeaseNow()}. */
    @Override
    public boolean holdsLeaseNow() {
        return lease.holdsNow();
    }

    @Override
    public Duration confirmationWindow() {
        return options.fenceMargin();
    }

    /**
     * Reads every group (or only {@code group}) from the store: 64 reads for all of them, one for
     * one, whatever the number of groups; nothing is written. Completes exceptionally when the
     * store cannot be read.
     */
    public CompletableFuture<List<ElectionView.Group>> readGroups(Optional<String> group) {
        List<Integer> shards = group.map(name -> List.of(GroupShards.of(name)))
                .orElseGet(() -> IntStream.range(0, GroupShards.COUNT).boxed().toList());
        List<CompletableFuture<ShardRecord>> reads = shards.stream().map(this::readShard).toList();
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<ElectionView.Group> groups = new ArrayList<>();
            for (CompletableFuture<ShardRecord> read : reads) {
                read.join().groups().forEach((name, record) -> {
                    if (group.isEmpty() || group.get().equals(name)) {
                        groups.add(new ElectionView.Group(name, record.term(), record.members().stream()
                                .map(m -> new ElectionView.Member(m.client(), m.id().instanceId(), m.joinedAt()))
                                .toList()));
                    }
                });
            }
            groups.sort(Comparator.comparing(ElectionView.Group::name));
            return groups;
        });
    }

    private CompletableFuture<ShardRecord> readShard(int shard) {
        return store.get(GroupShards.key(shard)).thenApply(outcome -> {
            if (outcome instanceof Found found) {
                return ShardRecordCodec.decode(found.value(), ShardRecord.EMPTY);
            }
            if (outcome instanceof Unavailable unavailable) {
                throw new IllegalStateException("store unavailable: " + unavailable.reason());
            }
            return ShardRecord.EMPTY;
        });
    }

    /**
     * Reads every registered instance from the store (the instance index and each one's record),
     * with how long this instance has seen each heartbeat stand still.
     */
    public CompletableFuture<List<ElectionView.Instance>> readInstances() {
        return new InstanceIndex(store).read().thenCompose(listing -> {
            List<String> ids = new ArrayList<>(listing.ids());
            List<CompletableFuture<Optional<InstanceRecord>>> reads = ids.stream()
                    .map(id -> store.get(InstanceRecord.key(id)).thenApply(outcome ->
                            outcome instanceof Found found
                                    ? Optional.of(InstanceRecord.decode(found.value())) : Optional.<InstanceRecord>empty()))
                    .toList();
            return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApplyAsync(done -> {
                List<ElectionView.Instance> instances = new ArrayList<>();
                String self = lease.instanceId();
                for (int i = 0; i < ids.size(); i++) {
                    Optional<InstanceRecord> record = reads.get(i).join();
                    if (record.isPresent()) {
                        String id = ids.get(i);
                        boolean isSelf = id.equals(self);
                        instances.add(new ElectionView.Instance(id, record.get().heartbeat(), record.get().lease().toMillis(),
                                isSelf ? Optional.of(lease.sinceLastRenewalMillis()) : watcher.unchangedForMillis(id),
                                isSelf, record.get().hints()));
                    }
                }
                return instances;
            }, executor);
        });
    }

    /** Other instances this one watches and has not found dead. */
    public int otherInstanceCount() {
        return otherInstances;
    }

    /**
     * Completes once every change asked for so far has been written (or this instance has no
     * groups left); used at shutdown, after all connections are closed, so departures reach the
     * store before the process exits.
     */
    public CompletableFuture<Void> whenIdle() {
        CompletableFuture<Void> idle = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                idleWaiters.add(idle);
                completeIdleWaiters();
            });
        } catch (RejectedExecutionException e) {
            idle.complete(null);
        }
        return idle;
    }

    /** Deletes this instance's record, so other instances act on its departure at once. */
    public CompletableFuture<Void> deregister() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            executor.execute(() -> lease.release().whenComplete((ignored, error) -> done.complete(null)));
        } catch (RejectedExecutionException e) {
            done.complete(null);
        }
        return done;
    }

    /** Stops every task; later requests are dropped. Closing again does nothing. */
    @Override
    public void close() {
        if (lifecycle.getAndSet(Lifecycle.CLOSED) == Lifecycle.CLOSED) {
            return;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the lease keeper, the watcher and the shard actors report; all on the coordinator's thread. */
    private final class Events implements ShardActor.Listener, LeaseKeeper.Listener, InstanceWatcher.Listener {

        @Override
        public void leaseGained() {
            holdingLease = true;
            firstLease.complete(null);
            log.info("instance {} holds its lease; serving", lease.instanceId());
        }

        @Override
        public void leaseLost(String why) {
            holdingLease = false;
            observer.fenced();
            log.warn("instance {} lost its lease ({}); closing {} client connection(s) and refusing joins until it renews",
                    lease.instanceId(), why, members.size());
            for (LocalMember local : List.copyOf(members.values())) {
                if (local.joined) {
                    // The departure is written when the connection has closed (leave()).
                    local.member.evicted();
                } else if (local.written || local.nameHeldBy != null) {
                    refuse(local, JoinFailure.STORE_UNAVAILABLE);
                }
                // A JOIN still being written is answered when its write ends (refused then).
            }
        }

        @Override
        public void instanceRenewed(String instanceId) {
            for (GroupState state : List.copyOf(waitingForLeader)) {
                Optional<GroupMember> leader = state.known.leader();
                if (leader.isPresent() && leader.get().id().instanceId().equals(instanceId)) {
                    deliver(state, Long.MAX_VALUE);
                }
            }
            for (LocalMember local : List.copyOf(waitingForName)) {
                GroupState state = groups.get(local.group);
                if (instanceId.equals(local.nameHeldBy) && state != null) {
                    reconsiderName(local, state.known);
                }
            }
        }

        @Override
        public void instanceDead(String instanceId, boolean declaredHere) {
            long now = System.nanoTime();
            if (declaredHere) {
                observer.instanceDeclaredDead();
                // Nobody else may know where its members are: clear them from every shard.
                for (int shard = 0; shard < GroupShards.COUNT; shard++) {
                    shard(shard).submit(new GroupChange.RemoveInstance(instanceId, now));
                }
                return;
            }
            for (ShardActor actor : shards) {
                if (actor != null && actor.lastKnown().instances().contains(instanceId)) {
                    actor.submit(new GroupChange.RemoveInstance(instanceId, now));
                }
            }
        }

        @Override
        public void instanceSeen(String instanceId, InstanceRecord record) {
            hints.learned(instanceId, record);
        }

        @Override
        public boolean isDead(String instanceId) {
            return watcher.isDead(instanceId);
        }

        @Override
        public void applied(ShardActor shard, List<GroupChange> batch, ShardRecord before, ShardRecord after,
                            Set<MemberId> rejectedJoins) {
            Set<String> changed = after.changedGroups(before);
            if (!batch.isEmpty() && !changed.isEmpty()) {
                // This instance wrote it (a re-read has no batch); the others' members hear of it now.
                tellOtherInstances(changed, after);
            }
            learnInstances(shard, batch.isEmpty() ? after.groups().keySet() : changed, after);
            lease.checkExpiry();
            Set<String> touched = new HashSet<>(changed);
            for (GroupChange change : batch) {
                if (change instanceof GroupChange.Join join) {
                    touched.add(join.group());
                }
            }
            for (String name : touched) {
                GroupState state = groups.get(name);
                if (state != null) {
                    groupChanged(state, batch, before.group(name), after.group(name), rejectedJoins);
                }
            }
        }

        @Override
        public void failed(ShardActor shard, List<GroupChange> batch, Unavailable reason) {
            observer.storeUnavailable();
            log.warn("shard {}: store unavailable, {} change(s) not written: {}", shard.index(), batch.size(),
                    reason.reason());
            for (GroupChange change : batch) {
                LocalMember local = change instanceof GroupChange.Join join ? membersById.get(join.id()) : null;
                if (local != null && !local.joined && !local.written) {
                    forget(local);
                    local.member.joinFailed(JoinFailure.STORE_UNAVAILABLE);
                }
            }
        }

        @Override
        public void idle(ShardActor shard) {
            if (localGroupsPerShard[shard.index()] == 0 && shards[shard.index()] == shard) {
                shards[shard.index()] = null;
            }
            completeIdleWaiters();
        }
    }

    /** One group's record changed, or changes to it were written or refused. */
    private void groupChanged(GroupState state, List<GroupChange> batch, GroupRecord before, GroupRecord after,
                              Set<MemberId> rejectedJoins) {
        state.known = after;
        Optional<GroupMember> leader = after.leader();
        // One INFO line per change of a group's leader on each instance with members in it,
        // whatever the group's size: telling each member is a per-member event (MemberEvents, DEBUG).
        if (leader.isPresent() && !leader.equals(before.leader())) {
            observer.leaderChanged();
            log.info("group {} term {}: leader is now {} ({})", state.name, after.term(),
                    leader.get().client(), leader.get().id());
        }
        long failoverStart = Long.MAX_VALUE;
        for (GroupChange change : batch) {
            if (change instanceof GroupChange.Join join) {
                if (join.group().equals(state.name)) {
                    joinWritten(state, join, rejectedJoins.contains(join.id()), after);
                }
            } else if (removesLeader(change, state.name, before)) {
                failoverStart = Math.min(failoverStart, departedAt(change));
            }
        }
        evictMissing(state, after);
        for (LocalMember local : List.copyOf(state.locals())) {
            if (local.nameHeldBy != null && waitingForName.contains(local)) {
                reconsiderName(local, after);
            }
        }
        deliver(state, failoverStart);
    }

    private void joinWritten(GroupState state, GroupChange.Join join, boolean rejected, GroupRecord after) {
        LocalMember local = membersById.get(join.id());
        if (local == null || local.joined || local.written) {
            return; // its connection closed while the join was being written
        }
        if (rejected) {
            reconsiderName(local, after);
        } else if (!lease.holds()) {
            // Written, but this instance can no longer vouch for it: take it back out.
            refuse(local, JoinFailure.STORE_UNAVAILABLE);
        } else {
            local.written = true; // answered by deliver(), once its leader can be named
        }
    }

    /**
     * A JOIN whose client name another member holds: NAME_IN_USE once the holder is known to be
     * alive (on this instance, or on one seen to renew since the JOIN came); a JOIN again once the
     * name is free (the holder left, or its instance was found dead and its members removed); else
     * it waits for one of the two.
     */
    private void reconsiderName(LocalMember local, GroupRecord record) {
        Optional<GroupMember> holder = record.byClient(local.entry.client())
                .filter(member -> !member.id().equals(local.id()));
        if (holder.isEmpty()) {
            local.nameHeldBy = null;
            waitingForName.remove(local);
            shard(GroupShards.of(local.group)).submit(new GroupChange.Join(local.group, local.entry));
            return;
        }
        String instance = holder.get().id().instanceId();
        if (instance.equals(lease.instanceId()) || watcher.renewedSince(instance, local.arrivedAt)) {
            forget(local);
            local.member.joinFailed(JoinFailure.NAME_IN_USE);
        } else {
            local.nameHeldBy = instance;
            waitingForName.add(local);
        }
    }

    /**
     * Answers the group's written JOINs and tells its members of a new leader, if the leader can be
     * named: one of this instance's while it holds its lease, or one of an instance it vouches for.
     * Otherwise nothing is said until it can be (or the leader is removed).
     */
    private void deliver(GroupState state, long failoverStart) {
        Optional<GroupMember> leader = state.known.leader();
        if (leader.isEmpty() || !canName(leader.get())) {
            if (leader.isPresent()) {
                waitingForLeader.add(state);
            }
            return;
        }
        waitingForLeader.remove(state);
        GroupMember current = leader.get();
        for (LocalMember local : state.locals()) {
            if (local.written && !local.joined) {
                local.joined = true;
                cancelDeadline(local);
                local.toldLeader = current.id();
                local.member.joined(current.client(), state.known.term());
            }
        }
        if (tellLeader(state, current, state.known.term()) && failoverStart != Long.MAX_VALUE) {
            observer.failoverCompleted(Duration.ofNanos(System.nanoTime() - failoverStart));
        }
    }

    private boolean canName(GroupMember leader) {
        String instance = leader.id().instanceId();
        return instance.equals(lease.instanceId()) ? lease.holds() : watcher.vouchesFor(instance);
    }

    /** Tells every local member of a changed leader; false when nobody could be told. */
    private boolean tellLeader(GroupState state, GroupMember leader, long term) {
        if (!lease.holds()) {
            return false;
        }
        boolean told = false;
        for (LocalMember local : state.locals()) {
            if (local.joined && !leader.id().equals(local.toldLeader)) {
                local.toldLeader = leader.id();
                local.member.leaderChanged(leader.client(), term);
                told = true;
            }
        }
        return told;
    }

    /**
     * Local members that other instances removed (they declared this one dead) lose their
     * connection, or, not yet answered, their JOIN. Linear in the group's size.
     */
    private void evictMissing(GroupState state, GroupRecord after) {
        Set<MemberId> present = new HashSet<>(after.members().size() * 2);
        for (GroupMember member : after.members()) {
            present.add(member.id());
        }
        List<LocalMember> missing = new ArrayList<>(0);
        for (LocalMember local : state.locals()) {
            if (local.written && !present.contains(local.id())) {
                missing.add(local);
            }
        }
        if (!missing.isEmpty()) {
            log.warn("group {}: {} member(s) of this instance removed by another instance (it took this one for dead);"
                    + " closing their connections", state.name, missing.size());
        }
        for (LocalMember local : missing) {
            MemberEvents.LOG.debug("group {}: member {} was removed by another instance; closing its connection",
                    state.name, local.entry.client());
            forget(local);
            if (local.joined) {
                local.member.evicted();
            } else {
                local.member.joinFailed(JoinFailure.STORE_UNAVAILABLE);
            }
        }
    }

    /** A JOIN that found no answer within {@link CoordinatorOptions#answerLimit()}: refused. */
    private void answerLimitReached(LocalMember local) {
        if (members.get(local.member) != local || local.joined) {
            return;
        }
        log.warn("group {}: no answer for {}'s JOIN within {} ms (waiting for {}); refusing it", local.group,
                local.entry.client(), options.answerLimit().toMillis(),
                local.nameHeldBy != null ? "instance " + local.nameHeldBy : "a leader that can be named");
        refuse(local, JoinFailure.STORE_UNAVAILABLE);
    }

    /** Refuses an unanswered JOIN, taking it out of the record should it be (or get) there. */
    private void refuse(LocalMember local, JoinFailure failure) {
        forget(local);
        shard(GroupShards.of(local.group)).submit(new GroupChange.Leave(local.group, local.id(), System.nanoTime()));
        local.member.joinFailed(failure);
    }

    /** Hints the other instances with members in the changed groups: one datagram per instance. */
    private void tellOtherInstances(Set<String> changed, ShardRecord after) {
        String self = lease.instanceId();
        Map<String, String> groupPerInstance = new LinkedHashMap<>();
        for (String group : changed) {
            for (GroupMember member : after.group(group).members()) {
                String instance = member.id().instanceId();
                if (!instance.equals(self)) {
                    groupPerInstance.putIfAbsent(instance, group);
                }
            }
        }
        groupPerInstance.forEach(hints::tell);
    }

    /**
     * Watches every instance found in these groups; members of instances already known dead are
     * removed (a read found them, so whoever declared the instance dead has not cleared this shard).
     */
    private void learnInstances(ShardActor shard, Set<String> names, ShardRecord record) {
        Set<String> deadFound = new HashSet<>(0);
        for (String name : names) {
            for (GroupMember member : record.group(name).members()) {
                String instance = member.id().instanceId();
                if (watcher.isDead(instance)) {
                    deadFound.add(instance);
                } else {
                    watcher.consider(instance);
                }
            }
        }
        long now = System.nanoTime();
        for (String instance : deadFound) {
            shard.submit(new GroupChange.RemoveInstance(instance, now));
        }
    }

    private void poll() {
        watcher.poll();
        otherInstances = watcher.watchedCount();
        hints.retainOnly(watcher.watchedIds());
        String self = lease.instanceId();
        boolean[] shared = new boolean[GroupShards.COUNT];
        for (GroupState state : groups.values()) {
            if (!shared[state.shard] && state.shared(self)) {
                shared[state.shard] = true;
            }
        }
        long now = System.nanoTime();
        long due = options.sharedPollInterval().toNanos();
        for (int shard = 0; shard < GroupShards.COUNT; shard++) {
            ShardActor actor = shards[shard];
            if (shared[shard] && actor != null && actor.sinceConfirmed(now) >= due) {
                actor.refresh();
            }
        }
    }

    private ShardActor shard(int index) {
        ShardActor actor = shards[index];
        if (actor == null) {
            actor = new ShardActor(index, store, executor, options, events);
            shards[index] = actor;
        }
        return actor;
    }

    /** True when {@code change} takes the leader of the group's {@code before} record out. */
    private static boolean removesLeader(GroupChange change, String group, GroupRecord before) {
        Optional<GroupMember> leader = before.leader();
        if (leader.isEmpty()) {
            return false;
        }
        if (change instanceof GroupChange.Leave leave) {
            return leave.group().equals(group) && leave.id().equals(leader.get().id());
        }
        return change instanceof GroupChange.RemoveInstance remove
                && remove.instanceId().equals(leader.get().id().instanceId());
    }

    private static long departedAt(GroupChange change) {
        if (change instanceof GroupChange.Leave leave) {
            return leave.departedAt();
        }
        return ((GroupChange.RemoveInstance) change).declaredAt();
    }

    private void forget(LocalMember local) {
        members.remove(local.member);
        membersById.remove(local.id());
        waitingForName.remove(local);
        local.nameHeldBy = null;
        cancelDeadline(local);
        GroupState state = groups.get(local.group);
        if (state != null && state.remove(local)) {
            localMembers--;
            if (!state.hasLocals()) {
                localGroups--;
                localGroupsPerShard[state.shard]--;
                groups.remove(state.name);
                waitingForLeader.remove(state);
            }
        }
    }

    private static void cancelDeadline(LocalMember local) {
        if (local.deadline != null) {
            local.deadline.cancel(false);
            local.deadline = null;
        }
    }

    private void completeIdleWaiters() {
        for (ShardActor actor : shards) {
            if (actor != null && !actor.idle()) {
                return;
            }
        }
        if (!idleWaiters.isEmpty()) {
            idleWaiters.forEach(waiter -> waiter.complete(null));
            idleWaiters.clear();
        }
    }

    private void submit(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("coordinator closed; dropping a request");
        }
    }

    private static void logFailure(Runnable task, Throwable error) {
        Throwable failure = error;
        if (failure == null && task instanceof Future<?> future && future.isDone() && !future.isCancelled()) {
            try {
                future.get();
            } catch (ExecutionException e) {
                failure = e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure != null) {
            log.error("election task failed", failure);
        }
    }
}

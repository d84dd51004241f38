package io.leaderlatch.election;

import io.leaderlatch.store.ElectionStore;
import io.leaderlatch.store.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
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

/**
 * Runs the elections of one service instance: adds and removes members through conditional
 * writes to the {@link ElectionStore}, and tells local members who leads.
 *
 * <p>The rules: a group exists from its first member; the leader is the longest-waiting member;
 * when it leaves, the next one in join order leads, and every member is told. Nobody is told
 * anything that the store has not confirmed, and nothing at all while this instance does not hold
 * its lease ({@link LeaseKeeper}). Changes made by other instances are learnt by polling the
 * groups this instance has members in, and sooner from the change hints those instances send
 * ({@link #hinted}, {@link ChangeHints}); instances whose heartbeat stands still for a lease are
 * declared dead and their members removed ({@link InstanceWatcher}).
 *
 * <p>All state is owned by one coordinator thread; {@link #join} and {@link #leave} only hand
 * work to it, so callers (Netty event loops) never wait. Store calls are asynchronous and their
 * results come back to this thread.
 */
public final class ElectionCoordinator implements AutoCloseable, GroupActor.Listener, LeaseKeeper.Listener,
        InstanceWatcher.Listener {

    private static final Logger log = LoggerFactory.getLogger(ElectionCoordinator.class);

    private final ElectionStore store;
    private final CoordinatorOptions options;
    private final ElectionObserver observer;
    private final ScheduledThreadPoolExecutor executor;
    private final LeaseKeeper lease;
    private final InstanceWatcher watcher;
    private final ChangeHints hints;

    private final Map<String, GroupActor> groups = new HashMap<>();
    private final Map<ElectionMember, LocalMember> members = new IdentityHashMap<>();
    private final Map<MemberId, LocalMember> membersById = new HashMap<>();
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
        this.lease = new LeaseKeeper(options.instanceId(), store, executor, options, hints.address(), this);
        this.watcher = new InstanceWatcher(store, executor, options.lease(), this);
        this.hints = new ChangeHints(store, executor, hints);
    }

    /**
     * Starts keeping the lease and polling. The returned future completes once the lease is first
     * held; until then every JOIN is answered as unavailable.
     */
    public CompletableFuture<Void> start() {
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
        store.diagnose().whenCompleteAsync((problem, error) -> {
            Optional<String> why = error != null ? Optional.of("the store check failed: " + error) : problem;
            if (why.isEmpty()) {
                lease.start();
                long poll = options.pollInterval().toNanos();
                executor.scheduleWithFixedDelay(this::poll, poll, poll, TimeUnit.NANOSECONDS);
                return;
            }
            if (!why.get().equals(lastDiagnosis)) {
                lastDiagnosis = why.get();
                log.error("store not ready: {} Answering JOIN_FAILED SERVICE_UNAVAILABLE and checking again every {} ms.",
                        why.get(), options.renewInterval().toMillis());
            }
            executor.schedule(this::checkStore, options.renewInterval().toNanos(), TimeUnit.NANOSECONDS);
        }, executor);
    }

    /** This instance's current id (a new incarnation after other instances declared it dead). */
    public String instanceId() {
        return lease.instanceId();
    }

    /**
     * Asks for {@code member} to join {@code group} as {@code client}. The answer comes through
     * {@link ElectionMember#joined} or {@link ElectionMember#joinFailed}.
     */
    public void join(String group, String client, ElectionMember member) {
        submit(() -> {
            if (members.containsKey(member)) {
                throw new IllegalStateException("member joined twice: " + client);
            }
            if (!lease.holds()) {
                member.joinFailed(JoinFailure.STORE_UNAVAILABLE);
                return;
            }
            MemberId id = new MemberId(lease.instanceId(), ++lastConnection);
            LocalMember local = new LocalMember(member, new GroupMember(id, client), group);
            members.put(member, local);
            membersById.put(id, local);
            GroupActor actor = groups.computeIfAbsent(group,
                    name -> new GroupActor(name, store, executor, options, this));
            if (actor.locals.isEmpty()) {
                localGroups++;
            }
            actor.locals.add(local);
            localMembers++;
            actor.submit(new GroupChange.Join(local.entry));
        });
    }

    /**
     * Ends {@code member}'s membership (its connection closed). Does nothing for a member that
     * never joined or whose join already failed.
     */
    public void leave(ElectionMember member) {
        long departedAt = System.nanoTime();
        submit(() -> {
            LocalMember local = members.get(member);
            if (local != null) {
                forget(local);
                groups.get(local.group).submit(new GroupChange.Leave(local.id(), departedAt));
            }
        });
    }

    /**
     * Another instance says it has just changed {@code group}: re-read it now if this instance has
     * members in it, else nothing. Any thread; whoever calls it bounds how often.
     */
    public void hinted(String group) {
        submit(() -> {
            GroupActor actor = groups.get(group);
            if (actor != null && !actor.locals.isEmpty()) {
                actor.hinted();
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

    /**
     * True if this instance holds its lease at this very moment, on the caller's clock reading; any
     * thread may ask. Unlike {@link #holdsLease()}, never late: it does not wait for the timer that
     * fences, which may run late after the process was paused.
     */
    public boolean holdsLeaseNow() {
        return lease.holdsNow();
    }

    /** Other instances whose members share a group with this instance's and that are not declared dead. */
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

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

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
            }
        }
    }

    @Override
    public void instanceDead(String instanceId) {
        observer.instanceDeclaredDead();
        long now = System.nanoTime();
        for (GroupActor actor : groups.values()) {
            if (actor.lastKnown().members().stream().anyMatch(m -> m.id().instanceId().equals(instanceId))) {
                actor.submit(new GroupChange.RemoveInstance(instanceId, now));
            }
        }
    }

    @Override
    public void instanceSeen(String instanceId, InstanceRecord record) {
        hints.learned(instanceId, record);
    }

    @Override
    public void applied(GroupActor group, List<GroupChange> batch, GroupRecord before, GroupRecord after,
                        Set<MemberId> rejectedJoins) {
        if (!batch.isEmpty() && !after.equals(before)) {
            // This instance wrote it (a re-read has no batch); the others' members hear of it now.
            hints.changed(group.name(), after, lease.instanceId());
        }
        Optional<GroupMember> leader = after.leader();
        if (leader.isPresent() && !leader.equals(before.leader())) {
            observer.leaderChanged();
            log.debug("group {} term {}: leader is now {} ({})", group.name(), after.term(),
                    leader.get().client(), leader.get().id());
        }
        lease.checkExpiry();
        long failoverStart = Long.MAX_VALUE;
        for (GroupChange change : batch) {
            if (change instanceof GroupChange.Join join) {
                answerJoin(group, join.id(), rejectedJoins.contains(join.id()), leader);
            } else if (removesLeader(change, before)) {
                failoverStart = Math.min(failoverStart, departedAt(change));
            }
        }
        evictMissing(group, after);
        if (leader.isPresent() && tellLeader(group, leader.get()) && failoverStart != Long.MAX_VALUE) {
            observer.failoverCompleted(Duration.ofNanos(System.nanoTime() - failoverStart));
        }
    }

    @Override
    public void failed(GroupActor group, List<GroupChange> batch, Unavailable reason) {
        observer.storeUnavailable();
        log.warn("group {}: store unavailable, {} change(s) not written: {}", group.name(), batch.size(),
                reason.reason());
        for (GroupChange change : batch) {
            LocalMember local = change instanceof GroupChange.Join join ? membersById.get(join.id()) : null;
            if (local != null && !local.joined) {
                forget(local);
                local.member.joinFailed(JoinFailure.STORE_UNAVAILABLE);
            }
        }
    }

    @Override
    public void idle(GroupActor group) {
        if (group.locals.isEmpty()) {
            groups.remove(group.name(), group);
            completeIdleWaiters();
        }
    }

    private void answerJoin(GroupActor group, MemberId id, boolean rejected, Optional<GroupMember> leader) {
        LocalMember local = membersById.get(id);
        if (local == null || local.joined) {
            return; // its connection closed while the join was being written
        }
        if (rejected) {
            forget(local);
            local.member.joinFailed(JoinFailure.NAME_IN_USE);
        } else if (!lease.holds()) {
            // Written, but this instance can no longer vouch for it: take it back out.
            forget(local);
            group.submit(new GroupChange.Leave(id, System.nanoTime()));
            local.member.joinFailed(JoinFailure.STORE_UNAVAILABLE);
        } else {
            // A successful join always leaves a leader: at least the joiner is a member.
            GroupMember current = leader.orElseThrow();
            local.joined = true;
            local.toldLeader = current.id();
            local.member.joined(current.client());
        }
    }

    /** Tells every local member of a changed leader; false when nobody could be told. */
    private boolean tellLeader(GroupActor group, GroupMember leader) {
        if (!lease.holds()) {
            return false;
        }
        boolean told = false;
        for (LocalMember local : group.locals) {
            if (local.joined && !leader.id().equals(local.toldLeader)) {
                local.toldLeader = leader.id();
                local.member.leaderChanged(leader.client());
                told = true;
            }
        }
        return told;
    }

    /**
     * Local members that other instances removed (they declared this one dead) lose their
     * connection. Linear in the group's size: this runs after every write.
     */
    private void evictMissing(GroupActor group, GroupRecord after) {
        Set<MemberId> present = new HashSet<>(after.members().size() * 2);
        for (GroupMember member : after.members()) {
            present.add(member.id());
        }
        List<LocalMember> missing = new ArrayList<>(0);
        for (LocalMember local : group.locals) {
            if (local.joined && !present.contains(local.id())) {
                missing.add(local);
            }
        }
        for (LocalMember local : missing) {
            log.warn("group {}: member {} was removed by another instance; closing its connection",
                    group.name(), local.entry.client());
            forget(local);
            local.member.evicted();
        }
    }

    private void poll() {
        Set<String> others = new HashSet<>();
        for (GroupActor actor : groups.values()) {
            if (!actor.locals.isEmpty()) {
                actor.refresh();
            }
            for (GroupMember member : actor.lastKnown().members()) {
                others.add(member.id().instanceId());
            }
        }
        others.remove(lease.instanceId());
        hints.retainOnly(others);
        watcher.watchOnly(others);
        otherInstances = watcher.watchedCount();
        watcher.poll();
    }

    /** True when {@code change} takes the leader of {@code before} out of the group. */
    private static boolean removesLeader(GroupChange change, GroupRecord before) {
        Optional<GroupMember> leader = before.leader();
        return leader.isPresent() && !(change instanceof GroupChange.Join)
                && !change.applyTo(before).contains(leader.get().id());
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
        GroupActor actor = groups.get(local.group);
        if (actor.locals.remove(local)) {
            localMembers--;
            if (actor.locals.isEmpty()) {
                localGroups--;
            }
        }
    }

    private void completeIdleWaiters() {
        boolean allIdle = groups.values().stream().allMatch(GroupActor::idle);
        if (allIdle && !idleWaiters.isEmpty()) {
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

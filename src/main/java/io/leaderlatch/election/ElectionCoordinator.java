package io.leaderlatch.election;

import io.leaderlatch.store.ElectionStore;
import io.leaderlatch.store.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs the elections of one service instance: adds and removes members through conditional
 * writes to the {@link ElectionStore}, and tells local members who leads.
 *
 * <p>The rules: a group exists from its first member; the leader is the longest-waiting member;
 * when it leaves, the next one in join order leads, and every local member is told at once.
 * Nobody is told anything that the store has not confirmed.
 *
 * <p>All state is owned by one coordinator thread; {@link #join} and {@link #leave} only hand
 * work to it, so callers (Netty event loops) never wait. Store calls are asynchronous and their
 * results come back to this thread.
 */
public final class ElectionCoordinator implements AutoCloseable, GroupActor.Listener {

    private static final Logger log = LoggerFactory.getLogger(ElectionCoordinator.class);

    private final ElectionStore store;
    private final CoordinatorOptions options;
    private final ElectionObserver observer;
    private final ScheduledThreadPoolExecutor executor;

    private final Map<String, GroupActor> groups = new HashMap<>();
    private final Map<ElectionMember, LocalMember> members = new IdentityHashMap<>();
    private final Map<MemberId, LocalMember> membersById = new HashMap<>();
    private final List<CompletableFuture<Void>> idleWaiters = new ArrayList<>();
    private long lastConnection;
    private volatile int localGroups;
    private volatile int localMembers;

    public ElectionCoordinator(ElectionStore store, CoordinatorOptions options, ElectionObserver observer) {
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
    }

    public String instanceId() {
        return options.instanceId();
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
            MemberId id = new MemberId(options.instanceId(), ++lastConnection);
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

    /** Groups with at least one member connected to this instance. */
    public int localGroupCount() {
        return localGroups;
    }

    /** Members connected to this instance, including those whose JOIN is still being written. */
    public int localMemberCount() {
        return localMembers;
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
    public void applied(GroupActor group, List<GroupChange> batch, GroupRecord before, GroupRecord after,
                        Set<MemberId> rejectedJoins) {
        Optional<GroupMember> leader = after.leader();
        if (leader.isPresent() && !leader.equals(before.leader())) {
            observer.leaderChanged();
            log.debug("group {} term {}: leader is now {} ({})", group.name(), after.term(),
                    leader.get().client(), leader.get().id());
        }
        long failoverStart = Long.MAX_VALUE;
        for (GroupChange change : batch) {
            if (change instanceof GroupChange.Join) {
                answerJoin(change.id(), rejectedJoins.contains(change.id()), leader);
            } else if (change instanceof GroupChange.Leave departure
                    && before.leader().map(GroupMember::id).filter(change.id()::equals).isPresent()) {
                failoverStart = Math.min(failoverStart, departure.departedAt());
            }
        }
        leader.ifPresent(current -> tellLeader(group, current));
        if (failoverStart != Long.MAX_VALUE && leader.isPresent()) {
            observer.failoverCompleted(Duration.ofNanos(System.nanoTime() - failoverStart));
        }
    }

    @Override
    public void failed(GroupActor group, List<GroupChange> batch, Unavailable reason) {
        observer.storeUnavailable();
        log.warn("group {}: store unavailable, {} change(s) not written: {}", group.name(), batch.size(),
                reason.reason());
        for (GroupChange change : batch) {
            LocalMember local = change instanceof GroupChange.Join ? membersById.get(change.id()) : null;
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

    private void answerJoin(MemberId id, boolean rejected, Optional<GroupMember> leader) {
        LocalMember local = membersById.get(id);
        if (local == null || local.joined) {
            return; // its connection closed while the join was being written
        }
        if (rejected) {
            forget(local);
            local.member.joinFailed(JoinFailure.NAME_IN_USE);
            return;
        }
        // A successful join always leaves a leader: at least the joiner is a member.
        GroupMember current = leader.orElseThrow();
        local.joined = true;
        local.toldLeader = current.id();
        local.member.joined(current.client());
    }

    private void tellLeader(GroupActor group, GroupMember leader) {
        for (LocalMember local : group.locals) {
            if (local.joined && !leader.id().equals(local.toldLeader)) {
                local.toldLeader = leader.id();
                local.member.leaderChanged(leader.client());
            }
        }
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
            } catch (java.util.concurrent.ExecutionException e) {
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

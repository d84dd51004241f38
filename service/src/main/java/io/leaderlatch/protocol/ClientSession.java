package io.leaderlatch.protocol;

import io.leaderlatch.election.ElectionMember;
import io.leaderlatch.election.ElectionService;
import io.leaderlatch.election.JoinFailure;
import io.leaderlatch.election.MemberEvents;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One client connection: answers its commands and relays the coordinator's news to it.
 *
 * <p>A connection holds at most one membership, from the JOIN that succeeded until the connection
 * closes. Commands that arrive while a JOIN is being written wait and are answered after it, in
 * order; reading from the socket pauses meanwhile, so a client cannot pile up work. All state is
 * touched only on the channel's event loop: coordinator callbacks are handed to it. What happens
 * to its membership is logged through {@link MemberEvents}, at DEBUG.
 */
// Replies and closes are not awaited: a write that fails means the connection is gone, and
// channelInactive takes the member out.
@SuppressWarnings("FutureReturnValueIgnored")
public final class ClientSession extends SimpleChannelInboundHandler<Command> implements ElectionMember {

    private static final Logger log = LoggerFactory.getLogger(ClientSession.class);

    /** CLOSING: the connection is being closed; nothing more is read or answered. */
    private enum State { NEW, JOINING, JOINED, CLOSING }

    private final String listener;
    private final ElectionService coordinator;
    private final SessionObserver observer;
    private final Duration joinTimeout;
    /**
     * Lines that arrived while a JOIN was being written; made on the first such line, since most
     * connections never have one and there is one session per member.
     */
    private Queue<Command> waiting;
    private ScheduledFuture<?> joinDeadline;
    private ChannelHandlerContext ctx;
    private State state = State.NEW;
    /** The JOIN handed to the coordinator, if any. */
    private Command.Join membership;
    /** True from the JOIN's success until the connection closes. */
    private boolean member;
    /**
     * Set by the coordinator's thread the moment it evicts this member, before the close runs on
     * the event loop; see {@link #confirm()}.
     */
    private volatile boolean evictedByCoordinator;
    /** When the last ALREADY_JOINED was sent ({@link System#nanoTime()}); 0: never. */
    private long lastConfirmedAt;
    /** The connection failed (timed out, reset) rather than being closed by either side. */
    private boolean lost;
    /** The client asked for terms ({@code TERMS} before its JOIN): its LEADER lines carry them. */
    private boolean terms;
    /** Armed by the first confirmation of a client that asked for terms; see {@link #checkStillConfirming()}. */
    private ScheduledFuture<?> confirmationDeadline;

    /**
     * @param joinTimeout a connection that has not sent a JOIN by then is closed, so connections
     *                    that never join cannot pile up
     */
    public ClientSession(String listener, ElectionService coordinator, SessionObserver observer,
                         Duration joinTimeout) {
        this.listener = listener;
        this.coordinator = coordinator;
        this.observer = observer;
        this.joinTimeout = joinTimeout;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        observer.connectionOpened(listener);
        joinDeadline = ctx.executor().schedule(this::joinTimedOut, joinTimeout.toNanos(), TimeUnit.NANOSECONDS);
        log.debug("[{}] {} connected", listener, remote());
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = State.CLOSING;
        waiting = null;
        cancelJoinDeadline();
        if (confirmationDeadline != null) {
            confirmationDeadline.cancel(false);
            confirmationDeadline = null;
        }
        observer.connectionClosed(listener);
        if (membership != null) {
            // Also after a failed join: the coordinator ignores members it no longer holds.
            leaveWhenNoLongerVouchedFor(ctx);
        }
        if (member) {
            MemberEvents.LOG.debug("[{}] {} left group {} as {}", listener, remote(), membership.group(),
                    membership.client());
        } else {
            log.debug("[{}] {} disconnected", listener, remote());
        }
        ctx.fireChannelInactive();
    }

    /**
     * A member whose connection was lost (keepalive or the user timeout gave up on its host, or a
     * reset) may still be running and believe it leads: its last confirmation vouches until
     * fence-margin after it was sent. Its departure is written only once that has passed, so that
     * nobody else is told they lead before; a connection the client closed itself, or whose
     * process died (its kernel closes it), leaves at once.
     */
    private void leaveWhenNoLongerVouchedFor(ChannelHandlerContext ctx) {
        long wait = lost && lastConfirmedAt != 0
                ? lastConfirmedAt + coordinator.confirmationWindow().toNanos() - System.nanoTime()
                : 0;
        if (wait > 0) {
            ctx.executor().schedule(() -> coordinator.leave(this), wait, TimeUnit.NANOSECONDS);
        } else {
            coordinator.leave(this);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Command command) {
        if (state == State.JOINING) {
            if (waiting == null) {
                waiting = new ArrayDeque<>(4);
            }
            waiting.add(command);
        } else if (state != State.CLOSING) {
            handle(command);
        }
    }

    private void handle(Command command) {
        if (command instanceof Command.Join join) {
            if (state == State.JOINED) {
                confirm(join.equals(membership));
            } else {
                state = State.JOINING;
                membership = join;
                cancelJoinDeadline();
                updateReading();
                coordinator.join(join.group(), join.client(), this);
            }
        } else if (command instanceof Command.Terms) {
            if (state == State.NEW) {
                terms = true;
                ctx.writeAndFlush(new Reply.Terms(coordinator.confirmationWindow().toMillis()));
            } else {
                log.debug("[{}] {} sent TERMS after its JOIN", listener, remote());
                refuse(InvalidLine.TERMS_AFTER_JOIN);
            }
        } else if (command instanceof Command.Invalid invalid) {
            log.debug("[{}] {} sent a bad line: {}", listener, remote(), invalid.reason());
            refuse(InvalidLine.MALFORMED);
        } else {
            log.info("[{}] {} sent a line over {} bytes; closing", listener, remote(), ProtocolLimits.MAX_LINE_LENGTH);
            closeAfter(refuse(InvalidLine.TOO_LONG));
        }
    }

    /**
     * Answers a repeated JOIN with ALREADY_JOINED only while the instance holds its lease at this
     * moment: a client that sent the JOIN at t and reads the answer then knows nobody else can be
     * told it leads before t + fence-margin. Without the lease the connection is closed unanswered;
     * a flag set by the fencing timer would not do, since after a pause the loop may run first.
     * An eviction counts at once, too: the coordinator evicts before it can hold a new lease (a
     * new incarnation), so a session that sees that lease also sees its eviction and never vouches
     * for a membership the lease it held was lost under. The lease is read first for that reason.
     *
     * <p>A JOIN that names the membership held is a confirmation; one that names another group or
     * client is answered the same way but counted as a join, so that the confirmations a client
     * sends while it leads do not swell the count of joins.
     *
     * @param sameMembership the JOIN names the group and client this connection is a member as
     */
    private void confirm(boolean sameMembership) {
        boolean confirmed = coordinator.holdsLeaseNow() && !evictedByCoordinator;
        if (sameMembership) {
            observer.confirmation(listener, confirmed ? ConfirmationResult.CONFIRMED : ConfirmationResult.REFUSED);
        } else {
            observer.answered(listener, JoinResult.ALREADY_JOINED);
        }
        if (confirmed) {
            lastConfirmedAt = System.nanoTime();
            ctx.writeAndFlush(new Reply.AlreadyJoined(membership.group(), membership.client()));
            if (terms && confirmationDeadline == null) {
                armConfirmationDeadline(silenceLimitNanos());
            }
        } else {
            MemberEvents.LOG.debug("[{}] {} in group {} as {}: lease not held, cannot confirm the membership; closing",
                    listener, remote(), membership.group(), membership.client());
            state = State.CLOSING;
            waiting = null;
            ctx.close();
        }
    }

    /**
     * A client that asked for terms and has confirmed is held to confirming, as a ZooKeeper client
     * is to its session's pings: silent for twice the fence margin, it is taken for a paused or
     * stuck process (a frozen JVM, a client on SIGSTOP) whose kernel still keeps the connection
     * open, and the connection is closed so that its group moves on. Its last confirmation stopped
     * vouching a margin before, so it leaves at once. Clients that never asked for terms are never
     * held to this: their leadership lasts as long as their connection, as it always has.
     */
    private void checkStillConfirming() {
        confirmationDeadline = null;
        if (state != State.JOINED) {
            return;
        }
        long silent = System.nanoTime() - lastConfirmedAt;
        long limit = silenceLimitNanos();
        if (silent < limit) {
            armConfirmationDeadline(limit - silent);
            return;
        }
        log.warn("[{}] {} in group {} as {}: no confirmation for {} ms; closing", listener, remote(),
                membership.group(), membership.client(), silent / 1_000_000);
        observer.confirmationTimedOut(listener);
        state = State.CLOSING;
        waiting = null;
        ctx.close();
    }

    private void armConfirmationDeadline(long delayNanos) {
        confirmationDeadline = ctx.executor().schedule(this::checkStillConfirming, delayNanos, TimeUnit.NANOSECONDS);
    }

    /** Twice the fence margin: a client paces its confirmations by a window no longer than one margin. */
    private long silenceLimitNanos() {
        return 2 * coordinator.confirmationWindow().toNanos();
    }

    @Override
    public void joined(String leader, long term) {
        onLoop(() -> {
            if (state != State.JOINING) {
                return;
            }
            state = State.JOINED;
            member = true;
            boolean leads = leader.equals(membership.client());
            MemberEvents.LOG.debug("[{}] {} joined group {} as {}; leader {}", listener, remote(), membership.group(),
                    membership.client(), leader);
            answer(leaderLine(leader, term), leads ? JoinResult.LEADER : JoinResult.FOLLOWER);
            updateReading();
            while (state == State.JOINED && waiting != null && !waiting.isEmpty()) {
                handle(waiting.poll());
            }
            waiting = null;
        });
    }

    @Override
    public void leaderChanged(String leader, long term) {
        onLoop(() -> {
            if (state == State.JOINED) {
                MemberEvents.LOG.debug("[{}] {} in group {}: leader is now {}", listener, remote(), membership.group(),
                        leader);
                ctx.writeAndFlush(leaderLine(leader, term));
            }
        });
    }

    /** {@code LEADER <name>}, with the term on a connection that asked for terms. */
    private Reply leaderLine(String leader, long term) {
        return terms ? new Reply.LeaderInTerm(leader, term) : new Reply.Leader(leader);
    }

    @Override
    public void joinFailed(JoinFailure failure) {
        onLoop(() -> {
            if (state != State.JOINING) {
                return;
            }
            Reply.JoinFailed.Reason reason = failure == JoinFailure.NAME_IN_USE
                    ? Reply.JoinFailed.Reason.NAME_IN_USE
                    : Reply.JoinFailed.Reason.SERVICE_UNAVAILABLE;
            MemberEvents.LOG.debug("[{}] {} could not join group {} as {}: {}", listener, remote(), membership.group(),
                    membership.client(), reason);
            waiting = null;
            closeAfter(answer(new Reply.JoinFailed(reason), JoinResult.FAILED));
        });
    }

    /**
     * Reads only while no JOIN is being written (answers keep the order of the lines) and while
     * the client takes its replies (one that never reads must not fill the service's memory).
     */
    private void updateReading() {
        ctx.channel().config().setAutoRead(state != State.JOINING && ctx.channel().isWritable());
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        updateReading();
        ctx.fireChannelWritabilityChanged();
    }

    private void cancelJoinDeadline() {
        if (joinDeadline != null) {
            joinDeadline.cancel(false);
            // Dropped, not kept for the life of the membership: one timer task less per member.
            joinDeadline = null;
        }
    }

    private void joinTimedOut() {
        if (state == State.NEW) {
            log.debug("[{}] {} sent no JOIN within {} ms; closing", listener, remote(), joinTimeout.toMillis());
            observer.joinTimedOut(listener);
            state = State.CLOSING;
            ctx.close();
        }
    }

    @Override
    public void evicted() {
        evictedByCoordinator = true;
        onLoop(() -> {
            if (state != State.CLOSING) {
                MemberEvents.LOG.debug("[{}] {} in group {} as {}: membership can no longer be vouched for; closing",
                        listener, remote(), membership.group(), membership.client());
                state = State.CLOSING;
                waiting = null;
                ctx.close();
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            lost = true;
            log.debug("[{}] {} connection error: {}", listener, remote(), cause.toString());
        } else {
            log.warn("[{}] {} closing after an unexpected error", listener, remote(), cause);
        }
        ctx.close();
    }

    private ChannelFuture answer(Reply reply, JoinResult result) {
        observer.answered(listener, result);
        return ctx.writeAndFlush(reply);
    }

    private ChannelFuture refuse(InvalidLine reason) {
        observer.invalidLine(listener, reason);
        return ctx.writeAndFlush(new Reply.Error());
    }

    private void closeAfter(ChannelFuture lastReply) {
        state = State.CLOSING;
        lastReply.addListener(ChannelFutureListener.CLOSE);
    }

    private void onLoop(Runnable task) {
        ctx.channel().eventLoop().execute(task);
    }

    private SocketAddress remote() {
        return ctx.channel().remoteAddress();
    }
}

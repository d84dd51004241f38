package io.leaderlatch.testing.riak;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The last handler of a node's connections: applies the node's faults, has the request answered
 * and sends the answer, late if the node has latency. Shared by every connection of one node.
 */
@ChannelHandler.Sharable
// Answers and closes are not awaited: a test node that cannot write to a closed connection has
// nothing left to tell it, and the client under test sees the close.
@SuppressWarnings("FutureReturnValueIgnored")
final class NodeHandler extends SimpleChannelInboundHandler<PbMessage> {

    private final NodeFaults faults;
    private final Ensembles ensembles;
    private final RequestProcessor processor;
    private final ChannelGroup connections;
    private final AtomicInteger answered;

    NodeHandler(NodeFaults faults, Ensembles ensembles, RequestProcessor processor, ChannelGroup connections,
                AtomicInteger answered) {
        this.faults = faults;
        this.ensembles = ensembles;
        this.processor = processor;
        this.connections = connections;
        this.answered = answered;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connections.add(ctx.channel());
        // Checked after joining the group: cutting off sets the flag, then closes the group, so
        // a connection accepted meanwhile is closed by one or the other.
        if (faults.isCutOff()) {
            ctx.close();
            return;
        }
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, PbMessage request) {
        if (faults.isCutOff()) {
            ctx.close();
            return;
        }
        NodeFaults.Treatment treatment = faults.treatmentOf(request);
        if (treatment == NodeFaults.Treatment.IGNORE) {
            return;
        }
        if (treatment == NodeFaults.Treatment.ANSWER && ensembles.leaderless(request)) {
            treatment = NodeFaults.Treatment.ANSWER_TIMEOUT;
        }
        send(ctx, request, switch (treatment) {
            case ANSWER_TIMEOUT -> PbMessage.error("timeout");
            case ANSWER_UNAVAILABLE -> PbMessage.error("unavailable");
            case APPLY_THEN_TIMEOUT -> {
                processor.answer(request);
                yield PbMessage.error("timeout");
            }
            default -> processor.answer(request);
        });
    }

    private void send(ChannelHandlerContext ctx, PbMessage request, PbMessage answer) {
        answered.incrementAndGet();
        Duration delay = faults.latency().of(request);
        if (delay.isZero()) {
            ctx.writeAndFlush(answer);
        } else {
            // Scheduled, not slept: the event loop keeps serving the node's other connections.
            ctx.executor().schedule(() -> ctx.writeAndFlush(answer), delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // An oversized frame or a reset by the peer: Riak drops such a connection too.
        ctx.close();
    }
}

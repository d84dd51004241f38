package io.leaderlatch.testing.riak;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;

/** The pipeline of a node's connection: length framing, message codec, then the node. */
final class NodeChannelInitializer extends ChannelInitializer<SocketChannel> {

    /** Far above anything a leader election writes; guards the test JVM's heap from a bad frame. */
    private static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

    private final NodeHandler node;

    NodeChannelInitializer(NodeHandler node) {
        this.node = node;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline pipeline = ch.pipeline();
        pipeline.addLast("frameDecoder", new LengthFieldBasedFrameDecoder(MAX_FRAME_BYTES, 0, 4, 0, 4));
        pipeline.addLast("framePrepender", new LengthFieldPrepender(4));
        pipeline.addLast("messageCodec", new PbMessageCodec());
        pipeline.addLast("node", node);
    }
}

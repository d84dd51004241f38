package io.leaderlatch.testing.riak;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;

import java.util.List;

/** Turns a frame (length prefix already removed) into a {@link PbMessage} and back. */
// A malformed frame closes the connection without waiting: nothing follows on it.
@SuppressWarnings("FutureReturnValueIgnored")
final class PbMessageCodec extends MessageToMessageCodec<ByteBuf, PbMessage> {

    @Override
    protected void encode(ChannelHandlerContext ctx, PbMessage message, List<Object> out) {
        ByteBuf frame = ctx.alloc().buffer(1 + message.body().length);
        frame.writeByte(message.code());
        frame.writeBytes(message.body());
        out.add(frame);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        if (!frame.isReadable()) {
            // A zero length carries no message code: nothing a Riak client sends.
            ctx.close();
            return;
        }
        int code = frame.readUnsignedByte();
        out.add(new PbMessage(code, ByteBufUtil.getBytes(frame)));
    }
}

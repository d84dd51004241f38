package io.leaderlatch.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;

import java.util.List;

/**
 * Turns each framed line into a {@link Command}; blank lines produce nothing. Placed right after
 * the line framer, it also turns the framer's {@link TooLongFrameException} into a
 * {@link Command.LineTooLong} read, so the next handler sees an over-long line as a command in
 * the stream, in order with the lines around it, rather than as an error.
 */
public final class CommandDecoder extends MessageToMessageDecoder<ByteBuf> {

    public CommandDecoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf line, List<Object> out) {
        CommandParser.parse(line).ifPresent(out::add);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (cause instanceof TooLongFrameException) {
            ctx.fireChannelRead(new Command.LineTooLong());
        } else {
            super.exceptionCaught(ctx, cause);
        }
    }
}

package io.leaderlatch.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

import static java.nio.charset.StandardCharsets.US_ASCII;

/**
 * Writes a {@link Reply} as one US-ASCII line ended by {@code \n}. Stateless, so one instance
 * serves every connection.
 *
 * <p>Names are checked against the rules the parser applies to JOIN: a name with a space, a line
 * break or a non-ASCII byte would let one reply read as another, so such a write fails instead.
 */
@Sharable
public final class ReplyEncoder extends MessageToByteEncoder<Reply> {

    public ReplyEncoder() {
        super(Reply.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Reply reply, ByteBuf out) {
        if (reply instanceof Reply.Leader leader) {
            out.writeCharSequence("LEADER ", US_ASCII);
            writeName(out, leader.name());
        } else if (reply instanceof Reply.LeaderInTerm leader) {
            out.writeCharSequence("LEADER ", US_ASCII);
            writeName(out, leader.name());
            out.writeCharSequence(" " + leader.term(), US_ASCII);
        } else if (reply instanceof Reply.Terms terms) {
            out.writeCharSequence("TERMS " + terms.fenceMarginMillis(), US_ASCII);
        } else if (reply instanceof Reply.AlreadyJoined joined) {
            out.writeCharSequence("ALREADY_JOINED ", US_ASCII);
            writeName(out, joined.group());
            out.writeByte(' ');
            writeName(out, joined.client());
        } else if (reply instanceof Reply.JoinFailed failed) {
            out.writeCharSequence("JOIN_FAILED " + failed.reason().name(), US_ASCII);
        } else if (reply instanceof Reply.Error) {
            out.writeCharSequence("ERROR", US_ASCII);
        } else {
            // Reply is sealed; this is reached only if a new kind is added without teaching the encoder.
            throw new IllegalArgumentException("no encoding for " + reply.getClass().getName());
        }
        out.writeByte('\n');
    }

    private static void writeName(ByteBuf out, String name) {
        if (!isName(name)) {
            throw new IllegalArgumentException("not a protocol name: " + name.length() + " chars");
        }
        ByteBufUtil.writeAscii(out, name);
    }

    private static boolean isName(String name) {
        if (name.isEmpty() || name.length() > ProtocolLimits.MAX_NAME_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }
}

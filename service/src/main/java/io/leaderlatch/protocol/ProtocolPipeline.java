package io.leaderlatch.protocol;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * Installs the line codec on a connection's pipeline: framer, then decoder, then encoder. The
 * handler that acts on {@link Command}s goes after {@link #ENCODER}.
 */
public final class ProtocolPipeline {

    /** Writes the answers to the lines of one read together, with one flush, not one per line. */
    public static final String FLUSHER = "flusher";
    /** Splits the byte stream into lines and caps how much of a line it buffers. */
    public static final String FRAMER = "framer";
    /** Turns lines into {@link Command}s. */
    public static final String DECODER = "decoder";
    /** Turns {@link Reply}s into lines. */
    public static final String ENCODER = "encoder";

    /**
     * One byte over the protocol limit. While a line waits for its {@code \n}, the framer counts a
     * {@code \r} that has already arrived as content, so with the exact limit a line of exactly
     * {@link ProtocolLimits#MAX_LINE_LENGTH} bytes whose {@code \r} and {@code \n} arrive in
     * different reads would be refused. {@link CommandParser} enforces the exact limit on the
     * framed line. The framer strips the terminator and fails fast: an over-long line is reported
     * as soon as it passes the cap, and the rest of it is discarded, not buffered.
     */
    private static final int FRAMER_CAP = ProtocolLimits.MAX_LINE_LENGTH + 1;

    private static final ReplyEncoder REPLY_ENCODER = new ReplyEncoder();

    private ProtocolPipeline() {
    }

    /**
     * Flushes an answer to a line while the connection's read is still under way only after this
     * many; the rest go out when the read is done. A client that sends thousands of lines in one
     * write (pipelined, or garbage) then costs a few system calls per read, not one per line, and
     * holds its event loop, which other connections share, that much shorter.
     */
    private static final int FLUSHES_PER_READ = 256;

    /** Adds the flusher, framer, decoder and encoder, under the names above, at the end of {@code pipeline}. */
    public static void addCodec(ChannelPipeline pipeline) {
        // Not when no read is under way: a LEADER push or a JOIN's answer is flushed at once.
        pipeline.addLast(FLUSHER, new FlushConsolidationHandler(FLUSHES_PER_READ, false));
        pipeline.addLast(FRAMER, new LineBasedFrameDecoder(FRAMER_CAP, true, true));
        pipeline.addLast(DECODER, new CommandDecoder());
        pipeline.addLast(ENCODER, REPLY_ENCODER);
    }
}

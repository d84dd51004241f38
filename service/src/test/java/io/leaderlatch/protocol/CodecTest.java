package io.leaderlatch.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.LineBasedFrameDecoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The whole codec, as {@link ProtocolPipeline} installs it, on an {@link EmbeddedChannel}. */
class CodecTest {

    private static final int MAX = ProtocolLimits.MAX_LINE_LENGTH;

    private EmbeddedChannel ch;

    @BeforeEach
    void setUp() {
        ch = new EmbeddedChannel();
        ProtocolPipeline.addCodec(ch.pipeline());
    }

    // ---- inbound: bytes to commands ----

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n"})
    void decodesLineWithEitherTerminator(String terminator) {
        write("JOIN test_group 1" + terminator);

        assertThat(readCommands()).containsExactly(new Command.Join("test_group", "1"));
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void decodesSeveralLinesFromOneBuffer() {
        write("JOIN a 1\r\nJOIN b 2\n\n   \r\nHELLO\r\njoin c 3\n");

        assertThat(readCommands()).containsExactly(
                new Command.Join("a", "1"),
                new Command.Join("b", "2"),
                new Command.Invalid("unknown command"),
                new Command.Invalid("unknown command"));
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void decodesLineSplitAcrossBuffers() {
        assertThat(ch.writeInbound(ascii("JOIN gr"))).isFalse();
        assertThat(ch.writeInbound(ascii("oup client\r"))).isFalse();
        assertThat(ch.writeInbound(ascii("\nJOIN x"))).isTrue();

        assertThat(readCommands()).containsExactly(new Command.Join("group", "client"));
        // The unfinished "JOIN x" stays in the framer and is dropped when the channel closes.
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void blankLinesProduceNothing() {
        assertThat(ch.writeInbound(ascii("\n  \r\n\r\n \n"))).isFalse();

        assertThat(readCommands()).isEmpty();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void badLineIsAValueAndLaterLinesStillDecode() {
        write("JOIN\tg c\nJOIN g c\n");

        assertThat(readCommands()).containsExactly(
                new Command.Invalid("non-printable byte 0x09"),
                new Command.Join("g", "c"));
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void overLongLineIsLineTooLongInOrderWithItsNeighbours() {
        write("JOIN a 1\n" + "x".repeat(3 * MAX) + "\r\nJOIN b 2\n");

        assertThat(readCommands()).containsExactly(
                new Command.Join("a", "1"),
                new Command.LineTooLong(),
                new Command.Join("b", "2"));
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void overLongLineIsReportedBeforeItEndsAndItsRestIsDiscarded() {
        write("x".repeat(MAX + 2));
        assertThat(readCommands()).containsExactly(new Command.LineTooLong());

        // The rest of the same line, however long, is skipped without another report.
        write("y".repeat(4 * MAX));
        write("JOIN not a command");
        assertThat(readCommands()).isEmpty();

        write("\r\nJOIN g c\n");
        assertThat(readCommands()).containsExactly(new Command.Join("g", "c"));
        assertThat(ch.finish()).isFalse();
    }

    // ---- the line length boundary ----

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n"})
    void lineOfExactlyTheLimitIsDecoded(String terminator) {
        write(lineOfLength(MAX) + terminator);

        assertThat(readCommands()).containsExactly(new Command.Join("g", "c"));
        assertThat(ch.finish()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n"})
    void lineOneByteOverTheLimitIsTooLong(String terminator) {
        write(lineOfLength(MAX + 1) + terminator + "JOIN g c\n");

        assertThat(readCommands()).containsExactly(new Command.LineTooLong(), new Command.Join("g", "c"));
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void lineOfExactlyTheLimitIsDecodedWhenCrAndLfArriveSeparately() {
        write(lineOfLength(MAX) + "\r");
        assertThat(readCommands()).isEmpty();

        write("\n");
        assertThat(readCommands()).containsExactly(new Command.Join("g", "c"));
        assertThat(ch.finish()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("byteByByte")
    void boundaryHoldsWhenBytesArriveOneAtATime(String line, Command expected) {
        for (byte b : line.getBytes(US_ASCII)) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }

        assertThat(readCommands()).containsExactly(expected);
        assertThat(ch.finish()).isFalse();
    }

    static Stream<Arguments> byteByByte() {
        return Stream.of(
                arguments(lineOfLength(MAX) + "\n", new Command.Join("g", "c")),
                arguments(lineOfLength(MAX) + "\r\n", new Command.Join("g", "c")),
                arguments(lineOfLength(MAX + 1) + "\n", new Command.LineTooLong()),
                arguments(lineOfLength(MAX + 1) + "\r\n", new Command.LineTooLong()));
    }

    @Test
    void otherExceptionsStillPropagate() {
        IllegalStateException boom = new IllegalStateException("boom");

        ch.pipeline().fireExceptionCaught(boom);

        assertThatThrownBy(ch::checkException).isSameAs(boom);
        assertThat(readCommands()).isEmpty();
        assertThat(ch.finish()).isFalse();
    }

    // ---- outbound: replies to bytes ----

    static Stream<Arguments> replies() {
        return Stream.of(
                arguments(new Reply.Leader("1"), "LEADER 1\n"),
                arguments(new Reply.Leader("spark-master@10.0.0.1:7077"), "LEADER spark-master@10.0.0.1:7077\n"),
                arguments(new Reply.AlreadyJoined("test_group", "1"), "ALREADY_JOINED test_group 1\n"),
                arguments(new Reply.JoinFailed(Reply.JoinFailed.Reason.SERVICE_UNAVAILABLE),
                        "JOIN_FAILED SERVICE_UNAVAILABLE\n"),
                arguments(new Reply.JoinFailed(Reply.JoinFailed.Reason.NAME_IN_USE), "JOIN_FAILED NAME_IN_USE\n"),
                arguments(new Reply.Error(), "ERROR\n"));
    }

    @ParameterizedTest
    @MethodSource("replies")
    void encodesReply(Reply reply, String expected) {
        assertThat(ch.writeOutbound(reply)).isTrue();

        assertThat(readOutboundBytes()).isEqualTo(expected.getBytes(US_ASCII));
        assertThat(ch.finish()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Reply.JoinFailed.Reason.class)
    void encodesEveryJoinFailureByItsName(Reply.JoinFailed.Reason reason) {
        ch.writeOutbound(new Reply.JoinFailed(reason));

        assertThat(readOutboundBytes()).isEqualTo(("JOIN_FAILED " + reason.name() + "\n").getBytes(US_ASCII));
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void encodesLongestNames() {
        String name = "n".repeat(ProtocolLimits.MAX_NAME_LENGTH);

        ch.writeOutbound(new Reply.AlreadyJoined(name, name));

        assertThat(readOutboundBytes()).isEqualTo(("ALREADY_JOINED " + name + " " + name + "\n").getBytes(US_ASCII));
        assertThat(ch.finish()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a\nLEADER b", "a\r", "caf\u00e9", "tab\t"})
    void refusesToWriteANameThatIsNotAProtocolName(String name) {
        assertThatThrownBy(() -> ch.writeOutbound(new Reply.Leader(name))).isInstanceOf(EncoderException.class);

        assertThat(ch.<Object>readOutbound()).isNull();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void refusesToWriteANameOverTheLimit() {
        String name = "n".repeat(ProtocolLimits.MAX_NAME_LENGTH + 1);

        assertThatThrownBy(() -> ch.writeOutbound(new Reply.AlreadyJoined("g", name)))
                .isInstanceOf(EncoderException.class);

        assertThat(ch.<Object>readOutbound()).isNull();
        assertThat(ch.finish()).isFalse();
    }

    // ---- the pipeline itself ----

    @Test
    void installsNamedHandlersInOrder() {
        assertThat(ch.pipeline().names()).startsWith("flusher", "framer", "decoder", "encoder");
        assertThat(ch.pipeline().get("framer")).isInstanceOf(LineBasedFrameDecoder.class);
        assertThat(ch.pipeline().get("decoder")).isInstanceOf(CommandDecoder.class);
        assertThat(ch.pipeline().get("encoder")).isInstanceOf(ReplyEncoder.class);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void answersToTheLinesOfOneReadShareFlushesAndAPushOutsideAReadIsFlushedAtOnce() {
        AtomicInteger flushes = new AtomicInteger();
        ch.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                flushes.incrementAndGet();
                ctx.flush();
            }
        });
        ch.pipeline().addLast(new SimpleChannelInboundHandler<Command>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, Command command) {
                ctx.writeAndFlush(new Reply.Error());
            }
        });

        write("bad\n".repeat(1000));

        assertThat(readOutboundLines()).hasSize(1000).containsOnly("ERROR\n");
        assertThat(flushes.get()).as("flushes for 1,000 answers in one read").isLessThanOrEqualTo(4);

        flushes.set(0);
        ch.writeAndFlush(new Reply.Leader("a"));
        assertThat(flushes.get()).isEqualTo(1);
        assertThat(readOutboundLines()).containsExactly("LEADER a\n");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void sharesTheEncoderButNotTheDecoders() {
        EmbeddedChannel other = new EmbeddedChannel();
        ProtocolPipeline.addCodec(other.pipeline());

        assertThat(other.pipeline().get("encoder")).isSameAs(ch.pipeline().get("encoder"));
        assertThat(other.pipeline().get("framer")).isNotSameAs(ch.pipeline().get("framer"));
        assertThat(other.pipeline().get("decoder")).isNotSameAs(ch.pipeline().get("decoder"));
        assertThat(other.finish()).isFalse();
        assertThat(ch.finish()).isFalse();
    }

    // ---- helpers ----

    /** {@code JOIN g c} padded with trailing spaces to exactly {@code length} bytes. */
    private static String lineOfLength(int length) {
        String command = "JOIN g c";
        return command + " ".repeat(length - command.length());
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, US_ASCII);
    }

    private void write(String text) {
        ch.writeInbound(ascii(text));
    }

    private List<String> readOutboundLines() {
        List<String> lines = new ArrayList<>();
        for (ByteBuf buf = ch.readOutbound(); buf != null; buf = ch.readOutbound()) {
            lines.add(buf.toString(US_ASCII));
            buf.release();
        }
        return lines;
    }

    private List<Command> readCommands() {
        List<Command> commands = new ArrayList<>();
        for (Object msg = ch.readInbound(); msg != null; msg = ch.readInbound()) {
            commands.add((Command) msg);
        }
        return commands;
    }

    /** Reads and releases the single buffer the encoder wrote. */
    private byte[] readOutboundBytes() {
        ByteBuf buf = ch.readOutbound();
        try {
            assertThat(ch.<Object>readOutbound()).isNull();
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }
}

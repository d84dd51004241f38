package io.leaderlatch.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class CommandParserTest {

    private static final String NAME_256 = "n".repeat(ProtocolLimits.MAX_NAME_LENGTH);
    private static final String NAME_257 = "n".repeat(ProtocolLimits.MAX_NAME_LENGTH + 1);

    static Stream<Arguments> validJoins() {
        return Stream.of(
                arguments(line("JOIN g c"), "g", "c"),
                arguments(line("JOIN  g   c "), "g", "c"),
                arguments(line("   JOIN g c"), "g", "c"),
                arguments(line("JOIN g c\r"), "g", "c"),
                arguments(line("JOIN test_group 1"), "test_group", "1"),
                arguments(line("JOIN spark spark-master@10.0.0.1:7077"), "spark", "spark-master@10.0.0.1:7077"),
                arguments(line("JOIN !\"#$%&'()*+,-./ :;<=>?@[\\]^_`{|}~"), "!\"#$%&'()*+,-./", ":;<=>?@[\\]^_`{|}~"),
                arguments(line("JOIN JOIN JOIN"), "JOIN", "JOIN"),
                arguments(Named.of("JOIN <256 bytes> <256 bytes>", bytes("JOIN " + NAME_256 + " " + NAME_256)),
                        NAME_256, NAME_256));
    }

    @ParameterizedTest
    @MethodSource("validJoins")
    void parsesJoin(byte[] line, String group, String client) {
        assertThat(CommandParser.parse(line)).contains(new Command.Join(group, client));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   ", "\r", "  \r"})
    void ignoresBlankLines(String line) {
        assertThat(CommandParser.parse(bytes(line))).isEmpty();
    }

    static Stream<Arguments> badLines() {
        return Stream.of(
                arguments(line("LEAVE g c"), "unknown command"),
                arguments(line("HELLO"), "unknown command"),
                arguments(line("join g c"), "unknown command"),
                arguments(line("Join g c"), "unknown command"),
                arguments(line("JOIN"), "JOIN needs <group> <client>"),
                arguments(line("JOIN g"), "JOIN needs <group> <client>"),
                arguments(line("JOIN g c extra"), "JOIN needs <group> <client>"),
                arguments(Named.of("tab separator", bytes("JOIN", 0x09, "g c")), "non-printable byte 0x09"),
                arguments(Named.of("tab alone", bytes(0x09)), "non-printable byte 0x09"),
                arguments(Named.of("NUL byte", bytes("JOIN g", 0x00, " c")), "non-printable byte 0x00"),
                arguments(Named.of("non-ASCII byte", bytes("JOIN caf", 0xC3, 0xA9, " c")), "non-printable byte 0xC3"),
                arguments(Named.of("DEL", bytes("JOIN g", 0x7F, " c")), "non-printable byte 0x7F"),
                arguments(Named.of("CR inside the line", bytes("JOIN g", 0x0D, "c")), "non-printable byte 0x0D"),
                arguments(Named.of("two trailing CRs", bytes("JOIN g c", 0x0D, 0x0D)), "non-printable byte 0x0D"),
                arguments(Named.of("group of 257 bytes", bytes("JOIN " + NAME_257 + " c")), "name longer than 256 bytes"),
                arguments(Named.of("client of 257 bytes", bytes("JOIN g " + NAME_257)), "name longer than 256 bytes"));
    }

    @ParameterizedTest
    @MethodSource("badLines")
    void answersBadLinesWithInvalid(byte[] line, String reason) {
        assertThat(CommandParser.parse(line)).contains(new Command.Invalid(reason));
    }

    @Test
    void lineOfExactlyTheLimitIsParsed() {
        byte[] line = bytes(padded("JOIN g c", ProtocolLimits.MAX_LINE_LENGTH));

        assertThat(CommandParser.parse(line)).contains(new Command.Join("g", "c"));
    }

    @Test
    void trailingCrDoesNotCountTowardsTheLimit() {
        byte[] line = bytes(padded("JOIN g c", ProtocolLimits.MAX_LINE_LENGTH), 0x0D);

        assertThat(CommandParser.parse(line)).contains(new Command.Join("g", "c"));
    }

    @Test
    void lineOverTheLimitIsTooLong() {
        byte[] line = bytes(padded("JOIN g c", ProtocolLimits.MAX_LINE_LENGTH + 1));

        assertThat(CommandParser.parse(line)).contains(new Command.LineTooLong());
    }

    @Test
    void readsOnlyTheReadableBytesAndLeavesIndexesAlone() {
        ByteBuf buf = Unpooled.copiedBuffer("xxJOIN g c", StandardCharsets.US_ASCII);
        try {
            buf.readerIndex(2);

            assertThat(CommandParser.parse(buf)).contains(new Command.Join("g", "c"));
            assertThat(buf.readerIndex()).isEqualTo(2);
            assertThat(buf.writerIndex()).isEqualTo(10);
        } finally {
            buf.release();
        }
    }

    /** A printable line, named by itself so test reports show it. */
    private static Named<byte[]> line(String text) {
        return Named.of("\"" + text + "\"", bytes(text));
    }

    /** Concatenates ASCII strings and raw byte values, so a test can show the exact bytes of a line. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    /** {@code text} followed by spaces up to {@code length} bytes; trailing spaces do not change the command. */
    private static String padded(String text, int length) {
        return text + " ".repeat(length - text.length());
    }
}

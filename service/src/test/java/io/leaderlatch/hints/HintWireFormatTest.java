package io.leaderlatch.hints;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** What a change hint looks like on the wire, and the hint addresses instance records publish. */
class HintWireFormatTest {

    @Test
    void aHintNamesItsGroupAndReadsBackAsIt() {
        String group = "spark-" + "g".repeat(250);
        ByteBuffer datagram = HintDatagram.encode(group);

        assertThat(StandardCharsets.US_ASCII.decode(datagram.duplicate()).toString()).isEqualTo("HINT " + group);
        assertThat(HintDatagram.decode(datagram)).contains(group);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "HINT", "HINT ", "hint spark", "HINT spark extra", "HINT spark\n", "HINT\tspark",
            "JOIN spark a"})
    void anythingElseIsNotAHint(String text) {
        assertThat(HintDatagram.decode(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)))).isEmpty();
    }

    @Test
    void aGroupNameLongerThanTheProtocolAllowsIsNotAHint() {
        String tooLong = "HINT " + "g".repeat(257);
        assertThat(HintDatagram.decode(ByteBuffer.wrap(tooLong.getBytes(StandardCharsets.US_ASCII)))).isEmpty();
    }

    @Test
    void nonAsciiBytesAreNotAHint() {
        byte[] bytes = {'H', 'I', 'N', 'T', ' ', 'g', (byte) 0xE9};
        assertThat(HintDatagram.decode(ByteBuffer.wrap(bytes))).isEmpty();
    }

    @Test
    void addressesAreWrittenAsTheyAreReadBack() {
        InetSocketAddress v4 = new InetSocketAddress("127.0.0.1", 5324);
        InetSocketAddress v6 = new InetSocketAddress("::1", 5324);

        assertThat(HintAddress.format(v4)).isEqualTo("127.0.0.1:5324");
        assertThat(HintAddress.format(v6)).isEqualTo("[0:0:0:0:0:0:0:1]:5324");
        assertThat(HintAddress.parse(HintAddress.format(v4))).contains(v4);
        assertThat(HintAddress.parse(HintAddress.format(v6))).contains(v6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:x", "localhost:5324",
            "example.net:5324", "1.2.3.999:5324", "::1:5324", "[zz::1]:5324", "[]:5324", "[::1:5324"})
    void anAddressThatIsNotALiteralWithAPortIsRefusedWithoutALookUp(String text) {
        assertThat(HintAddress.parse(text)).isEmpty();
    }
}

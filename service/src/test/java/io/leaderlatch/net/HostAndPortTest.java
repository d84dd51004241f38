package io.leaderlatch.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostAndPortTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1:5323            | 127.0.0.1            | 5323  | 127.0.0.1:5323",
        "riak1:8087                | riak1                | 8087  | riak1:8087",
        "riak-1.example.net:8087   | riak-1.example.net   | 8087  | riak-1.example.net:8087",
        "[::1]:5323                | ::1                  | 5323  | [::1]:5323",
        "[fe80::1]:65535           | fe80::1              | 65535 | [fe80::1]:65535",
        "[::ffff:10.0.0.1]:1       | ::ffff:10.0.0.1      | 1     | [::ffff:10.0.0.1]:1",
        // Riak's ip datatype: IPv6 without brackets, the last ':' starting the port.
        "::1:5323                  | ::1                  | 5323  | [::1]:5323",
        ":::5323                   | ::                   | 5323  | [::]:5323",
        "2001:db8:0:0:0:0:0:1:5323 | 2001:db8:0:0:0:0:0:1 | 5323  | [2001:db8:0:0:0:0:0:1]:5323",
        "127.0.0.1:0               | 127.0.0.1            | 0     | 127.0.0.1:0",
        "127.0.0.1:00080           | 127.0.0.1            | 80    | 127.0.0.1:80",
    })
    void readsEitherFormAndWritesIpv6InBrackets(String text, String host, int port, String written) {
        HostAndPort address = HostAndPort.parse(text).orElseThrow();

        assertThat(address).isEqualTo(new HostAndPort(host, port));
        assertThat(address).hasToString(written);
        assertThat(HostAndPort.parse(address.toString())).contains(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "", ":", ":5323", "127.0.0.1:", "127.0.0.1:x", "127.0.0.1: 80",
        "127.0.0.1:-1", "127.0.0.1:65536", "127.0.0.1:123456", "[::1]", "[::1]:", "[::1]5323", "[::1:5323",
        "[]:5323", "[[::1]]:5323", "[::1]:5323:1"})
    void refusesTextWithoutAHostAndAPortOf1To5DigitsUpTo65535(String text) {
        assertThat(HostAndPort.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[::1]:5323     | ::1       | true  | 5323",
        "[1.2.3.4]:80   | 1.2.3.4   | true  | 80",
        "[]:80          | ''        | true  | 80",
        "::1:5323       | ::1       | false | 5323",
        "riak1:         | riak1     | false | ''",
        "[::1]:x:y      | ::1       | true  | x:y",
    })
    void writtenTellsHowTheHostWasWrittenBeforeAnyRule(String text, String host, boolean bracketed, String port) {
        assertThat(HostAndPort.Written.of(text)).contains(new HostAndPort.Written(host, bracketed, port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"riak1", "[::1]", "[::1]5323", "[::1", "::1]5323x"})
    void writtenNeedsAColonAfterTheHost(String text) {
        assertThat(HostAndPort.Written.of(text).flatMap(HostAndPort.Written::address)).isEmpty();
    }

    @Test
    void convertsToAndFromSocketAddressesWithoutLookingUpNames() throws Exception {
        HostAndPort name = new HostAndPort("riak1.invalid", 8087);
        assertThat(name.unresolved().isUnresolved()).isTrue();
        assertThat(HostAndPort.of(name.unresolved())).isEqualTo(name);

        HostAndPort v6 = new HostAndPort("::1", 5323);
        assertThat(v6.resolve()).isEqualTo(new InetSocketAddress(InetAddress.getByName("::1"), 5323));
        assertThat(HostAndPort.of(v6.resolve())).hasToString("[0:0:0:0:0:0:0:1]:5323");
        assertThat(HostAndPort.of(new InetSocketAddress("127.0.0.1", 80))).hasToString("127.0.0.1:80");
    }

    @Test
    void ipv6IsAHostWithAColon() {
        assertThat(new HostAndPort("::1", 1).isIpv6()).isTrue();
        assertThat(new HostAndPort("10.0.0.1", 1).isIpv6()).isFalse();
        assertThat(new HostAndPort("riak1", 1).isIpv6()).isFalse();
    }

    @Test
    void refusesAnEmptyHostABracketedOneAndAPortOutOfRange() {
        assertThatThrownBy(() -> new HostAndPort("", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HostAndPort("[::1]", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HostAndPort("::1", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HostAndPort("::1", 65536)).isInstanceOf(IllegalArgumentException.class);
    }
}

package io.leaderlatch.config;

import io.leaderlatch.net.HostAndPort;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Each setting's rule on top of {@link HostAndPort}: what it takes and what it refuses. */
class SettingAddressesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1:0       | 127.0.0.1 | 0",
        "0.0.0.0:9100      | 0.0.0.0   | 9100",
        "::1:65535         | ::1       | 65535",
        "[::]:9323         | ::        | 9323",
        "[fe80::1]:7000    | fe80::1   | 7000",
        // Outside the documented forms, but taken since the setting was added.
        "[10.0.0.1]:7000   | 10.0.0.1  | 7000",
    })
    void aBindAddressIsAnIpLiteralWithAPort0To65535(String text, String host, int port) {
        assertThat(SettingAddresses.bind(text)).contains(new HostAndPort(host, port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:0", "127.0.0.1", "127.0.0.1:65536", "9323", "[::1]:65536", " 127.0.0.1:80",
        "[zz::1]:80", "[fe80::1%eth0]:80", "fe80::1%eth0:80", "010.0.0.1:80", "[]:80", "[::1]80", "1.2.3.4.5:80"})
    void aBindAddressIsRefusedOtherwise(String text) {
        assertThat(SettingAddresses.bind(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.0.0.1:8087       | 10.0.0.1         | 8087",
        "riak2:8087          | riak2            | 8087",
        "riak-2.example_net:1 | riak-2.example_net | 1",
        "' riak2:8087 '      | riak2            | 8087",
        "[::1]:65535         | ::1              | 65535",
        "[::ffff:1.2.3.4]:80 | ::ffff:1.2.3.4   | 80",
        // A host name of digits and dots: looked up, as a name.
        "300.1.1.1:80        | 300.1.1.1        | 80",
    })
    void anEndpointIsAHostNameOrALiteralWithIpv6InBrackets(String text, String host, int port) {
        assertThat(SettingAddresses.endpoint(text)).contains(new HostAndPort(host, port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"riak1", "riak1:0", "riak1:65536", "[zz]:8087", "::1:8087", "[10.0.0.1]:8087",
        "riak 1:8087", "riak1:+80", "[::1]", "[]:8087", ":8087", "[fe80::1%eth0]:8087", "ri@k:8087"})
    void anEndpointIsRefusedOtherwise(String text) {
        assertThat(SettingAddresses.endpoint(text)).isEmpty();
    }
}

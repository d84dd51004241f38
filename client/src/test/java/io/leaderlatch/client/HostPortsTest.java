package io.leaderlatch.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostPortsTest {

    @Test
    void namesV4AndBracketedV6AddressesInOrder() {
        assertThat(HostPorts.parse("riak1.example:5323, 10.0.0.2:6000,[::1]:5323"))
                .containsExactly(InetSocketAddress.createUnresolved("riak1.example", 5323),
                        InetSocketAddress.createUnresolved("10.0.0.2", 6000),
                        InetSocketAddress.createUnresolved("::1", 5323));
    }

    @Test
    void writesAnEndpointAsItIsGiven() {
        assertThat(HostPorts.parse("riak1.example:5323,[fd00::3]:5323").stream().map(HostPorts::format))
                .containsExactly("riak1.example:5323", "[fd00::3]:5323");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "host", "host:", ":5323", "host:0", "host:65536", "host:53x", "::1:5323", "[::1:5323",
            "a:1,,b:2", "[]:5323"})
    void refusesWhatIsNotHostColonPort(String endpoints) {
        assertThatThrownBy(() -> HostPorts.parse(endpoints)).isInstanceOf(IllegalArgumentException.class);
    }
}

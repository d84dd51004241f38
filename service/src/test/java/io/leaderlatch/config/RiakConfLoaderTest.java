package io.leaderlatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RiakConfLoaderTest {

    private static final String LISTENER = "listener.leader_latch.internal = 127.0.0.1:5323";

    @TempDir
    Path dir;

    private Path write(String... lines) throws IOException {
        Path file = dir.resolve("riak.conf");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private static ListenerSpec spec(String name, String host, int port, Path file, int line) {
        return new ListenerSpec(name, host, port, new ConfOrigin(file, line));
    }

    @Test
    void readsListenersAndNodenameAndIgnoresTheRest() throws IOException {
        Path file = write(
                "## Riak's own settings",
                "# a comment",
                "",
                "nodename = riak@127.0.0.1",
                "platform_data_dir = $(platform_base_dir)/data",
                "listener.http.internal = 127.0.0.1:8098",
                "listener.protobuf.internal = 127.0.0.1:8087",
                "listener.leader_latch.internal = 127.0.0.1:5323",
                "listener.leader_latch.external = 10.0.0.5:5324",
                "listener.leader_latch.local6 = [::1]:5325");

        RiakConf conf = RiakConfLoader.load(file);

        assertThat(conf.file()).isEqualTo(file);
        assertThat(conf.nodename()).contains("riak@127.0.0.1");
        assertThat(conf.protobufListeners()).containsExactly(spec("internal", "127.0.0.1", 8087, file, 7));
        assertThat(conf.leaderLatchListeners()).containsExactly(
                spec("internal", "127.0.0.1", 5323, file, 8),
                spec("external", "10.0.0.5", 5324, file, 9),
                spec("local6", "::1", 5325, file, 10));
    }

    @Test
    void acceptsWhitespaceCarriageReturnsInlineCommentsAndQuotes() throws IOException {
        Path file = dir.resolve("riak.conf");
        Files.writeString(file, String.join("\r\n",
                "  # indented comment  ",
                "\t",
                "   nodename=riak@host   # the node's name\t",
                "listener.leader_latch.a\t=\t127.0.0.1:1   ",
                "listener.leader_latch.b = 127.0.0.1:2#no space before the comment",
                "log.console.file = '$(platform_log_dir)/console # not a comment.log'  # a comment",
                "distributed_cookie = 'a=b:c[d]'",
                "include conf.d/*.conf",
                "listener.leader_latch.c = '[fe80::1]:65535'",
                ""), StandardCharsets.UTF_8);

        RiakConf conf = RiakConfLoader.load(file);

        assertThat(conf.nodename()).contains("riak@host");
        assertThat(conf.leaderLatchListeners()).containsExactly(
                spec("a", "127.0.0.1", 1, file, 4),
                spec("b", "127.0.0.1", 2, file, 5),
                spec("c", "fe80::1", 65535, file, 9));
    }

    @Test
    void theLastNodenameWinsAndProtobufListenersAreOptional() throws IOException {
        Path file = write("nodename = riak@a", LISTENER, "nodename = riak@b");

        RiakConf conf = RiakConfLoader.load(file);

        assertThat(conf.nodename()).contains("riak@b");
        assertThat(conf.protobufListeners()).isEmpty();
    }

    @Test
    void nodenameIsOptional() throws IOException {
        assertThat(RiakConfLoader.load(write(LISTENER)).nodename()).isEqualTo(Optional.empty());
    }

    @Test
    void toleratesBytesThatAreNotUtf8AndAByteOrderMark() throws IOException {
        Path file = dir.resolve("riak.conf");
        byte[] comment = "\uFEFF# caf\u00e9 in Latin-1: ".getBytes(StandardCharsets.UTF_8);
        byte[] rest = ("caf" + (char) 0xE9 + "\n" + LISTENER + "\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = new byte[comment.length + rest.length];
        System.arraycopy(comment, 0, bytes, 0, comment.length);
        System.arraycopy(rest, 0, bytes, comment.length, rest.length);
        Files.write(file, bytes);

        assertThat(RiakConfLoader.load(file).leaderLatchListeners()).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1:5323       | 127.0.0.1       | 5323",
        "0.0.0.0:1            | 0.0.0.0         | 1",
        "255.255.255.255:80   | 255.255.255.255 | 80",
        "[::1]:5323           | ::1             | 5323",
        "[::]:5323            | ::              | 5323",
        "[fe80::1]:5323       | fe80::1         | 5323",
        "[2001:db8:0:0:0:0:0:1]:5323 | 2001:db8:0:0:0:0:0:1 | 5323",
        "[::ffff:10.0.0.1]:5323 | ::ffff:10.0.0.1 | 5323",
    })
    void acceptsAddresses(String value, String host, int port) throws IOException {
        Path file = write("listener.leader_latch.internal = " + value);

        ListenerSpec spec = RiakConfLoader.load(file).leaderLatchListeners().get(0);

        assertThat(spec.host()).isEqualTo(host);
        assertThat(spec.port()).isEqualTo(port);
        assertThat(spec.hostAndPort()).hasToString(value);
    }

    /** Riak's ip datatype takes IPv6 without brackets, splitting the port off at the last ':'. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "::1:5323                   | ::1                  | 5323",
        ":::5323                    | ::                   | 5323",
        "fe80::1:65535              | fe80::1              | 65535",
        "2001:db8:0:0:0:0:0:1:5323  | 2001:db8:0:0:0:0:0:1 | 5323",
        "::ffff:10.0.0.1:5323       | ::ffff:10.0.0.1      | 5323",
    })
    void acceptsIpv6WithoutBracketsAsRiakDoes(String value, String host, int port) throws IOException {
        Path file = write("listener.leader_latch.internal = " + value, "listener.protobuf.internal = " + value);

        RiakConf conf = RiakConfLoader.load(file);

        for (ListenerSpec spec : List.of(conf.leaderLatchListeners().get(0), conf.protobufListeners().get(0))) {
            assertThat(spec.host()).isEqualTo(host);
            assertThat(spec.port()).isEqualTo(port);
            assertThat(spec.hostAndPort()).hasToString("[" + host + "]:" + port);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "127.0.0.1", "127.0.0.1:", "localhost:5323", "300.1.1.1:5323", "[::1]5323", ":::1:80",
        "1.2.3:80", "1.2.3.4.5:80", "010.0.0.1:80", "[::1]", "[::1]:", "[1:2:3:4:5:6:7:8:9]:80",
        "[1::2::3]:80", "[:::1]:80", "[fe80::1%eth0]:80", "[::ffff:300.0.0.1]:80", "[localhost]:80",
        "[::1:5323", " :5323", "[]:80", "[1.2.3.4::]:80", "[1:2:3:4:5:6:7::8]:80", "[1:2:3:4:5:6:7]:80",
        "1::2::3:80", "fe80::1%eth0:80", "1:2:3:4:5:6:7:80", "::ffff:300.0.0.1:80",
    })
    void rejectsMalformedAddresses(String value) throws IOException {
        Path file = write("# listeners", "", LISTENER.replace("internal", "first"),
                "listener.leader_latch.internal = " + value);

        assertThatThrownBy(() -> RiakConfLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":4: listener.leader_latch.internal: ")
                .hasMessageContaining("malformed address '" + value.trim()
                        + "': expected <IPv4>:<port>, <IPv6>:<port> or [<IPv6>]:<port>");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1:0              | port 0 is outside 1-65535",
        "127.0.0.1:65536          | port 65536 is outside 1-65535",
        "[::1]:99999999999999999  | port 99999999999999999 is outside 1-65535",
        "127.0.0.1:-1             | port -1 is outside 1-65535",
        "127.0.0.1:abc            | port 'abc' is not a number",
        "[::1]:5323x              | port '5323x' is not a number",
    })
    void rejectsBadPorts(String value, String problem) throws IOException {
        Path file = write(LISTENER.replace("internal", "first"), "listener.protobuf.internal = " + value);

        assertThatThrownBy(() -> RiakConfLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":2: listener.protobuf.internal: " + problem);
    }

    @Test
    void rejectsADuplicateListenerName() throws IOException {
        Path file = write("# header", "", LISTENER, "nodename = riak@127.0.0.1",
                "listener.leader_latch.internal = 127.0.0.1:5324");

        assertThatThrownBy(() -> RiakConfLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":5: listener.leader_latch.internal is already set at " + file + ":3");
    }

    @Test
    void rejectsADuplicateProtobufListenerName() throws IOException {
        Path file = write("listener.protobuf.internal = 127.0.0.1:8087", LISTENER,
                "listener.protobuf.internal = 127.0.0.1:8087");

        assertThatThrownBy(() -> RiakConfLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":3: listener.protobuf.internal is already set at " + file + ":1");
    }

    @Test
    void theSameNameInBothFamiliesIsFine() throws IOException {
        Path file = write("listener.protobuf.internal = 127.0.0.1:8087", LISTENER);

        assertThat(RiakConfLoader.load(file).protobufListeners()).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "listener.leader_latch.x 127.0.0.1:1  | expected 'key = value' but found 'listener.leader_latch.x 127.0.0.1:1'",
        "nodename                             | expected 'key = value' but found 'nodename'",
        "= 127.0.0.1:1                        | invalid key ''",
        "listener leader_latch.x = 127.0.0.1:1 | invalid key 'listener leader_latch.x'",
        "listener..x = 1                      | invalid key 'listener..x'",
        "listener.leader_latch.x. = 1         | invalid key 'listener.leader_latch.x.'",
        "listener.$name = 1                   | invalid key 'listener.$name'",
        "nodename =                           | nodename: no value after '='",
        "nodename = # only a comment          | nodename: no value after '='",
        "nodename = ''                        | nodename: no value after '='",
        "nodename = 'riak@host                | nodename: the quoted value has no closing '",
        "nodename = 'riak@host' extra         | nodename: unexpected 'extra' after the quoted value",
        "listener.leader_latch = 127.0.0.1:1  | expected listener.leader_latch.<name> = <ip>:<port>, with <name> a single word such as internal, but found key 'listener.leader_latch'",
        "listener.leader_latch.a.b = 127.0.0.1:1 | but found key 'listener.leader_latch.a.b'",
        "listener.protobuf = 127.0.0.1:1      | expected listener.protobuf.<name> = <ip>:<port>",
    })
    void rejectsBadLines(String line, String problem) throws IOException {
        Path file = write(LISTENER.replace("internal", "first"), "", line);

        assertThatThrownBy(() -> RiakConfLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":3: ")
                .hasMessageContaining(problem);
    }

    @Test
    void requiresALeaderLatchListener() throws IOException {
        Path file = write("nodename = riak@127.0.0.1", "listener.protobuf.internal = 127.0.0.1:8087");

        assertThatThrownBy(() -> RiakConfLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": no listener.leader_latch.<name> = <ip>:<port> line; add one,"
                        + " e.g. listener.leader_latch.internal = 127.0.0.1:5323");
    }

    @Test
    void anEmptyFileHasNoListener() throws IOException {
        Path file = dir.resolve("empty.conf");
        Files.createFile(file);

        assertThatThrownBy(() -> RiakConfLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": no listener.leader_latch.<name>");
    }

    @Test
    void namesAMissingFile() {
        Path file = dir.resolve("missing/riak.conf");

        assertThatThrownBy(() -> RiakConfLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": file not found");
    }

    @Test
    void namesAFileThatCannotBeRead() {
        assertThatThrownBy(() -> RiakConfLoader.load(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(dir + ": cannot read: ");
    }

    @Test
    void keepsListenersInFileOrder() throws IOException {
        Path file = write("listener.leader_latch.z = 127.0.0.1:1", "listener.leader_latch.a = 127.0.0.1:2",
                "listener.leader_latch.m = 127.0.0.1:3");

        List<String> names = RiakConfLoader.load(file).leaderLatchListeners().stream()
                .map(ListenerSpec::name).toList();

        assertThat(names).containsExactly("z", "a", "m");
    }
}

package io.leaderlatch.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the service takes from a riak.conf file.
 *
 * @param file the file that was read
 * @param leaderLatchListeners every {@code listener.leader_latch.<name>}, in file order; never empty
 * @param protobufListeners every {@code listener.protobuf.<name>}, in file order; may be empty
 * @param nodename Riak's {@code nodename}, when set
 */
public record RiakConf(Path file, List<ListenerSpec> leaderLatchListeners,
                       List<ListenerSpec> protobufListeners, Optional<String> nodename) {

    public RiakConf {
        leaderLatchListeners = List.copyOf(leaderLatchListeners);
        protobufListeners = List.copyOf(protobufListeners);
    }
}

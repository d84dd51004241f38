package io.leaderlatch.server;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Makes this start's instance id: the Riak node name, so an operator sees which node a member is
 * connected through, plus a random part, so a restarted instance is never taken for its
 * predecessor.
 */
final class InstanceIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private InstanceIds() {
    }

    static String create(Optional<String> nodename) {
        byte[] suffix = new byte[6];
        RANDOM.nextBytes(suffix);
        String node = nodename.map(InstanceIds::printable).filter(name -> !name.isEmpty()).orElse("leader-latch");
        return node + "/" + HexFormat.of().formatHex(suffix);
    }

    /** Node names are Erlang atoms like riak@10.0.0.1; drop anything that could break a stored record. */
    private static String printable(String name) {
        return name.codePoints().filter(c -> c > ' ' && c <= '~')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}

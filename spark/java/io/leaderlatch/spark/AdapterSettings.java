package io.leaderlatch.spark;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The adapter's settings, read once from the master's {@code spark.deploy.leaderlatch.*}
 * properties and validated before the master uses them.
 *
 * @param endpoints  the service's addresses, {@code host:port[,host:port...]}
 * @param group      the election group the masters of one cluster share
 * @param clientName this master's name in the group; empty: the master's own {@code host:port}
 * @param confirmationWindow how long one confirmation from the service keeps this master leader
 * @param persistence where the recovery state is kept
 */
public record AdapterSettings(String endpoints, String group, Optional<String> clientName,
                              Duration confirmationWindow, Persistence persistence) {

    public static final String PREFIX = "spark.deploy.leaderlatch.";
    public static final String ENDPOINTS = PREFIX + "endpoints";
    public static final String GROUP = PREFIX + "group";
    public static final String CLIENT_NAME = PREFIX + "clientName";
    public static final String CONFIRMATION_WINDOW = PREFIX + "confirmationWindow";
    public static final String PERSISTENCE = PREFIX + "persistence";
    public static final String DIRECTORY = PREFIX + "directory";
    public static final String RIAK_ENDPOINTS = PREFIX + "riak.endpoints";
    public static final String RIAK_BUCKET_TYPE = PREFIX + "riak.bucketType";
    public static final String RIAK_BUCKET = PREFIX + "riak.bucket";

    static final String DEFAULT_GROUP = "spark-master";
    static final String DEFAULT_BUCKET_TYPE = "strong";
    static final String DEFAULT_BUCKET = "spark-recovery";
    /** The client's own default, the most the service's default {@code election.fence-margin} allows. */
    static final Duration DEFAULT_CONFIRMATION_WINDOW = Duration.ofSeconds(2);
    private static final int MAX_NAME_BYTES = 256;
    private static final Pattern TIME = Pattern.compile("(\\d{1,9})(ms|s|m|min|)");

    /** Where the master's recovery state (workers, applications, drivers) is kept. */
    public sealed interface Persistence {
        /** One file per entry in a directory that every master can reach, as Spark's FILESYSTEM mode. */
        record Directory(Path path) implements Persistence {
            public Directory {
                Objects.requireNonNull(path, "path");
            }
        }

        /**
         * In Riak, in {@code bucket} of the strongly consistent {@code bucketType}, reached through
         * the protocol buffers listeners {@code nodes}: for masters on several hosts without a
         * shared file system.
         */
        record Riak(List<InetSocketAddress> nodes, String bucketType, String bucket) implements Persistence {
            public Riak {
                nodes = List.copyOf(nodes);
                Objects.requireNonNull(bucketType, "bucketType");
                Objects.requireNonNull(bucket, "bucket");
            }
        }
    }

    public AdapterSettings {
        Objects.requireNonNull(endpoints, "endpoints");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(confirmationWindow, "confirmationWindow");
        Objects.requireNonNull(persistence, "persistence");
        if (confirmationWindow.isNegative() || confirmationWindow.isZero()) {
            throw new IllegalArgumentException(CONFIRMATION_WINDOW + " = " + confirmationWindow + ": must be positive");
        }
        requireName(GROUP, group);
        clientName.ifPresent(name -> requireName(CLIENT_NAME, name));
    }

    /**
     * Reads the settings through {@code conf} (the master's {@code SparkConf::getOption}, or any
     * lookup that answers {@code null} or empty for an unset key).
     *
     * @throws IllegalArgumentException naming the key of the first missing or invalid setting
     */
    public static AdapterSettings read(Function<String, Optional<String>> conf) {
        String endpoints = conf.apply(ENDPOINTS).map(String::trim).filter(s -> !s.isEmpty())
                .orElseThrow(() -> new IllegalArgumentException(
                        ENDPOINTS + " is not set: give the service's host:port, comma-separated"));
        String group = conf.apply(GROUP).map(String::trim).orElse(DEFAULT_GROUP);
        Optional<String> clientName = conf.apply(CLIENT_NAME).map(String::trim);
        Duration window = conf.apply(CONFIRMATION_WINDOW).map(String::trim)
                .map(value -> duration(CONFIRMATION_WINDOW, value)).orElse(DEFAULT_CONFIRMATION_WINDOW);
        return new AdapterSettings(endpoints, group, clientName, window, persistence(conf));
    }

    private static Persistence persistence(Function<String, Optional<String>> conf) {
        String kind = conf.apply(PERSISTENCE).map(s -> s.trim().toLowerCase(Locale.ROOT)).orElse("directory");
        return switch (kind) {
            case "directory" -> new Persistence.Directory(Path.of(required(conf, DIRECTORY,
                    "give a directory every master can reach")));
            case "riak" -> new Persistence.Riak(
                    nodes(RIAK_ENDPOINTS, required(conf, RIAK_ENDPOINTS, "give Riak's protocol buffers host:port, comma-separated")),
                    conf.apply(RIAK_BUCKET_TYPE).map(String::trim).orElse(DEFAULT_BUCKET_TYPE),
                    conf.apply(RIAK_BUCKET).map(String::trim).orElse(DEFAULT_BUCKET));
            default -> throw new IllegalArgumentException(PERSISTENCE + " = " + kind + ": directory or riak");
        };
    }

    private static String required(Function<String, Optional<String>> conf, String key, String hint) {
        return conf.apply(key).map(String::trim).filter(s -> !s.isEmpty())
                .orElseThrow(() -> new IllegalArgumentException(key + " is not set: " + hint));
    }

    /** {@code host:port,host:port}; an IPv6 address in brackets. */
    private static List<InetSocketAddress> nodes(String key, String value) {
        List<InetSocketAddress> nodes = new ArrayList<>();
        for (String item : value.split(",")) {
            String hostPort = item.trim();
            int colon = hostPort.lastIndexOf(':');
            String host = colon > 0 ? hostPort.substring(0, colon).replace("[", "").replace("]", "") : "";
            try {
                int port = Integer.parseInt(hostPort.substring(colon + 1));
                if (host.isEmpty() || port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                nodes.add(InetSocketAddress.createUnresolved(host, port));
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                throw new IllegalArgumentException(key + ": '" + hostPort + "' is not host:port");
            }
        }
        return nodes;
    }

    /** A time as Spark writes them: {@code 2s}, {@code 1500ms}, {@code 1min}; a bare number is milliseconds. */
    private static Duration duration(String key, String value) {
        Matcher matcher = TIME.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(key + " = '" + value + "': not a time such as 2s or 1500ms");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "", "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

    /** The service takes names of 1 to 256 bytes of printable ASCII without spaces. */
    private static void requireName(String key, String name) {
        boolean printable = name.chars().allMatch(c -> c >= 0x21 && c <= 0x7E);
        if (name.isEmpty() || name.length() > MAX_NAME_BYTES || !printable) {
            throw new IllegalArgumentException(key + " = '" + name
                    + "': a name is 1 to 256 characters of printable ASCII, no spaces");
        }
    }
}

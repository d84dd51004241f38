package io.leaderlatch.spark;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The adapter's settings, read once from the master's {@code spark.deploy.leaderlatch.*}
 * properties and validated before the master uses them.
 *
 * @param endpoints  the service's addresses, {@code host:port[,host:port...]}
 * @param group      the election group the masters of one cluster share
 * @param clientName this master's name in the group; empty: the master's own {@code host:port}
 * @param persistence where the recovery state is kept
 */
public record AdapterSettings(String endpoints, String group, Optional<String> clientName,
                              Persistence persistence) {

    public static final String PREFIX = "spark.deploy.leaderlatch.";
    public static final String ENDPOINTS = PREFIX + "endpoints";
    public static final String GROUP = PREFIX + "group";
    public static final String CLIENT_NAME = PREFIX + "clientName";
    public static final String PERSISTENCE = PREFIX + "persistence";
    public static final String DIRECTORY = PREFIX + "directory";

    static final String DEFAULT_GROUP = "spark-master";
    private static final int MAX_NAME_BYTES = 256;

    /** Where the master's recovery state (workers, applications, drivers) is kept. */
    public sealed interface Persistence {
        /** One file per entry in a directory that every master can reach, as Spark's FILESYSTEM mode. */
        record Directory(Path path) implements Persistence {
            public Directory {
                Objects.requireNonNull(path, "path");
            }
        }
    }

    public AdapterSettings {
        Objects.requireNonNull(endpoints, "endpoints");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(persistence, "persistence");
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
        return new AdapterSettings(endpoints, group, clientName, persistence(conf));
    }

    private static Persistence persistence(Function<String, Optional<String>> conf) {
        String kind = conf.apply(PERSISTENCE).map(s -> s.trim().toLowerCase(Locale.ROOT)).orElse("directory");
        if (!kind.equals("directory")) {
            throw new IllegalArgumentException(PERSISTENCE + " = " + kind + ": the only choice is directory");
        }
        String directory = conf.apply(DIRECTORY).map(String::trim).filter(s -> !s.isEmpty())
                .orElseThrow(() -> new IllegalArgumentException(
                        DIRECTORY + " is not set: give a directory every master can reach"));
        return new Persistence.Directory(Path.of(directory));
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

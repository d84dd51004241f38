package io.leaderlatch.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.time.Duration;
import java.util.List;

/**
 * Reads keys below {@code leader-latch} from merged settings and words validation failures with
 * the key and the place it was set.
 */
final class SettingsReader {

    static final String ROOT = "leader-latch";

    private final Config config;

    SettingsReader(Config config) {
        this.config = config;
    }

    static String path(String key) {
        return ROOT + "." + key;
    }

    int integer(String key) {
        return config.getInt(path(key));
    }

    boolean bool(String key) {
        return config.getBoolean(path(key));
    }

    String string(String key) {
        return config.getString(path(key));
    }

    List<? extends Config> configList(String key) {
        return config.getConfigList(path(key));
    }

    List<String> stringList(String key) {
        return config.getStringList(path(key));
    }

    Duration duration(String key) {
        return config.getDuration(path(key));
    }

    /** {@code conf/leader-latch.conf:3} for where {@code key} got its value. */
    String where(String key) {
        return TypesafeErrors.where(config.getValue(path(key)).origin());
    }

    /**
     * The value as written, e.g. {@code 10s}, for messages; quoted as in HOCON ({@code ""},
     * {@code "a\nb"}) when it would otherwise be invisible or break the message's line.
     */
    String written(String key) {
        ConfigValue value = config.getValue(path(key));
        String text = String.valueOf(value.unwrapped());
        boolean unclear = text.isBlank() || text.chars().anyMatch(Character::isISOControl);
        return unclear ? value.render(ConfigRenderOptions.concise()) : text;
    }

    /** {@code <origin>: leader-latch.<key> = <value>: <problem>}. */
    ConfigException invalid(String key, String problem) {
        return new ConfigException(where(key) + ": " + path(key) + " = " + written(key) + ": " + problem);
    }
}

package io.leaderlatch.config;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything the service is configured with: riak.conf and the settings, loaded and checked
 * together. Start-up and {@code check-config} both build it with {@link #load}, so that a
 * configuration one accepts the other does not refuse; nothing is bound, started or written before
 * it has loaded.
 *
 * @param riakConf what was taken from riak.conf
 * @param settingsFile the settings file read, if any
 * @param settings the service's own settings
 */
public record ServiceConfig(RiakConf riakConf, Optional<Path> settingsFile, Settings settings) {

    /**
     * Reads riak.conf, then the settings (with {@code -D} system properties over them), and applies
     * every rule, those that tie one file to the other included.
     *
     * @throws ConfigException naming the file and line of the first problem found
     */
    public static ServiceConfig load(Path riakConfFile, Optional<Path> settingsFile) {
        RiakConf riakConf = RiakConfLoader.load(riakConfFile);
        Settings settings = SettingsLoader.load(settingsFile, ConfigFactory.systemProperties(), Optional.of(riakConf));
        return new ServiceConfig(riakConf, settingsFile, settings);
    }
}

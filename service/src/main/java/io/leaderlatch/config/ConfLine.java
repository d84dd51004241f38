package io.leaderlatch.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One {@code key = value} line of a riak.conf file, in cuttlefish syntax.
 *
 * @param key dot-separated words, e.g. {@code listener.leader_latch.internal}
 * @param value the value with an inline comment and surrounding quotes removed; never empty
 * @param origin where the line is
 */
record ConfLine(String key, String value, ConfOrigin origin) {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    // cuttlefish's "include <file>" directive; the service needs nothing from included files.
    private static final Pattern INCLUDE = Pattern.compile("include\\s");

    /** The key's dot-separated words. */
    String[] segments() {
        return key.split("\\.");
    }

    /**
     * Parses one line; empty for blank lines, comments and {@code include} directives.
     *
     * @throws ConfigException when the line is neither of those nor {@code key = value}
     */
    static Optional<ConfLine> parse(String text, ConfOrigin origin) {
        String line = text.trim();
        if (line.isEmpty() || line.startsWith("#") || INCLUDE.matcher(line).lookingAt()) {
            return Optional.empty();
        }
        int equals = line.indexOf('=');
        if (equals < 0) {
            throw ConfigException.at(origin, "expected 'key = value' but found '" + line + "'");
        }
        String key = line.substring(0, equals).trim();
        if (!KEY.matcher(key).matches()) {
            throw ConfigException.at(origin, "invalid key '" + key
                    + "': a key is words of letters, digits, '_' and '-' joined by '.'");
        }
        String value = value(key, line.substring(equals + 1).trim(), origin);
        return Optional.of(new ConfLine(key, value, origin));
    }

    private static String value(String key, String text, ConfOrigin origin) {
        String value;
        if (text.startsWith("'")) {
            int close = text.indexOf('\'', 1);
            if (close < 0) {
                throw ConfigException.at(origin, key + ": the quoted value has no closing '");
            }
            String rest = text.substring(close + 1).trim();
            if (!rest.isEmpty() && !rest.startsWith("#")) {
                throw ConfigException.at(origin, key + ": unexpected '" + rest + "' after the quoted value");
            }
            value = text.substring(1, close);
        } else {
            // As in cuttlefish, '#' starts a comment anywhere in an unquoted value.
            int hash = text.indexOf('#');
            value = (hash < 0 ? text : text.substring(0, hash)).trim();
        }
        if (value.isEmpty()) {
            throw ConfigException.at(origin, key + ": no value after '='");
        }
        return value;
    }
}

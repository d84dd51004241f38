package io.leaderlatch.config;

import com.typesafe.config.ConfigOrigin;
import java.util.StringJoiner;

/** Turns Typesafe Config's exceptions and origins into this package's {@code <file>:<line>: <problem>} form. */
final class TypesafeErrors {

    private TypesafeErrors() {
    }

    /** {@code conf/leader-latch.conf:3}, {@code reference.conf:12}, or a description such as {@code system properties}. */
    static String where(ConfigOrigin origin) {
        if (origin == null) {
            return "(unknown origin)";
        }
        // A classpath resource is a file too when run from a build directory; its name says more.
        String name = origin.resource() != null ? origin.resource() : origin.filename();
        if (name == null) {
            return origin.description();
        }
        return origin.lineNumber() > 0 ? name + ":" + origin.lineNumber() : name;
    }

    static ConfigException convert(com.typesafe.config.ConfigException e) {
        if (e instanceof com.typesafe.config.ConfigException.ValidationFailed failed) {
            StringJoiner problems = new StringJoiner("\n");
            failed.problems().forEach(problem -> problems.add(where(problem.origin()) + ": " + problem.problem()));
            return new ConfigException(problems.toString(), e);
        }
        ConfigOrigin origin = e.origin();
        if (origin == null) {
            return new ConfigException(e.getMessage(), e);
        }
        // Typesafe starts its message with "<description>: "; replace it by "<file>:<line>: ".
        String message = e.getMessage();
        String prefix = origin.description() + ": ";
        if (message.startsWith(prefix)) {
            message = message.substring(prefix.length());
        }
        return new ConfigException(where(origin) + ": " + message, e);
    }
}

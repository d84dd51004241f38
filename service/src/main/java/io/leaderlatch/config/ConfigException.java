package io.leaderlatch.config;

/**
 * A configuration problem that stops start-up. The message names the file, the line when there is
 * one, and what is wrong, and is meant to be shown to the operator as it is.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A problem at one line of a file: {@code <file>:<line>: <problem>}. */
    public static ConfigException at(ConfOrigin origin, String problem) {
        return new ConfigException(origin + ": " + problem);
    }
}

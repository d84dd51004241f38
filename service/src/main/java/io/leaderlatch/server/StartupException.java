package io.leaderlatch.server;

/** Start-up could not finish; the message says what failed and where, for the operator. */
public final class StartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}

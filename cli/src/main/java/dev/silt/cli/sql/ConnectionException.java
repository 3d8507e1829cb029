package dev.silt.cli.sql;

/** The server could not be reached, or the connection to it broke (exit code 3); the message says which. */
public final class ConnectionException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}

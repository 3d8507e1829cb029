package dev.silt.cli.sql;

/** A statement failed (exit code 1 in scripts); the message is the one line to show. */
public final class StatementException extends Exception {
    private static final long serialVersionUID = 1L;

    public StatementException(String message, Throwable cause) {
        super(message, cause);
    }
}

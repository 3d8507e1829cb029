package dev.silt.sql;

/**
 * A user-facing SQL error: bad syntax, an unknown name, a type mismatch, a run-time error such as division by
 * zero, a cancelled query or an exceeded memory limit. The message is one clear sentence naming what is wrong
 * (with line and column for errors in the query text); no stack trace needs to reach the user.
 */
public class SqlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SqlException(String message) {
        super(message);
    }

    public SqlException(String message, Throwable cause) {
        super(message, cause);
    }
}

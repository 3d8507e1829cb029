package dev.silt.sql.pgwire.internal;

/** A client broke the wire protocol (SQLSTATE 08P01): the session answers with an error and closes. */
final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ProtocolException(String message) {
        super(message);
    }
}

package dev.silt.ingest.stream;

/**
 * A failed stream operation: its {@link StreamErrorType} gives the service's error name, and the message is the
 * text a client sees (the service's own wording where it is known). Unchecked, like the service SDKs' exceptions.
 */
public final class StreamException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final StreamErrorType type;

    public StreamException(StreamErrorType type, String message) {
        super(message);
        this.type = type;
    }

    public StreamException(StreamErrorType type, String message, Throwable cause) {
        super(message, cause);
        this.type = type;
    }

    public StreamErrorType type() {
        return type;
    }

    /** The error's {@code __type} on the wire. */
    public String wireName() {
        return type.wireName();
    }
}

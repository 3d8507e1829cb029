package dev.silt.ingest.wire.internal;

/**
 * A request failed with an error the client is told about: the Kinesis error name ({@code __type}), a message and
 * the HTTP status. Only client-caused and expected service conditions travel this way; anything else is an
 * internal failure that is logged and answered with a generic message.
 */
public final class WireException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String errorType;
    private final int httpStatus;

    public WireException(String errorType, String message) {
        this(errorType, message, 400);
    }

    public WireException(String errorType, String message, int httpStatus) {
        super(message, null, false, false);
        this.errorType = errorType;
        this.httpStatus = httpStatus;
    }

    public String errorType() {
        return errorType;
    }

    public int httpStatus() {
        return httpStatus;
    }

    static WireException serialization(String message) {
        return new WireException(KinesisWire.SERIALIZATION, message);
    }

    /** The service's wording for a missing required member; {@code member} is in the service's camel case. */
    static WireException missing(String member) {
        return new WireException(
                KinesisWire.VALIDATION,
                "1 validation error detected: Value null at '" + member
                        + "' failed to satisfy constraint: Member must not be null");
    }
}

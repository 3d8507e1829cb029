package dev.silt.ingest.delivery;

/**
 * A request to {@link DeliveryStreams} that cannot be carried out, with the reason a client is told (the Firehose
 * API answers each reason with its own error name). The message names the stream, key or value at fault.
 */
public final class DeliveryStreamException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the request failed. */
    public enum Reason {
        /** No delivery stream has that name. */
        NOT_FOUND,
        /** The stream exists already, or is not in a state that allows the request (stopped, being deleted). */
        IN_USE,
        /** A value of the request is invalid. */
        INVALID_ARGUMENT
    }

    private final Reason reason;

    public DeliveryStreamException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DeliveryStreamException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static DeliveryStreamException notFound(String name) {
        return new DeliveryStreamException(Reason.NOT_FOUND, "Delivery stream " + name + " not found.");
    }
}

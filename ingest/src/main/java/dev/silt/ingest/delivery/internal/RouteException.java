package dev.silt.ingest.delivery.internal;

/** A record cannot be placed: it goes to the error output under {@link #errorType()} with the message. */
public final class RouteException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String errorType;

    public RouteException(String errorType, String message) {
        super(message);
        this.errorType = errorType;
    }

    public String errorType() {
        return errorType;
    }
}

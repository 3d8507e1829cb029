package dev.silt.ingest.delivery;

/**
 * Thrown to a producer when the delivery cannot take more records now because its buffers are full (the storage
 * or a sink is slower than the input). Nothing of the rejected call was accepted: retry it later, with back-off.
 */
public final class ServiceUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ServiceUnavailableException(String message) {
        super(message);
    }
}

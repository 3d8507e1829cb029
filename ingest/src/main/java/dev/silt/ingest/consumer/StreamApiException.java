package dev.silt.ingest.consumer;

import java.io.IOException;

/**
 * An error the stream service answered with, named as Kinesis names it ({@code __type} on the wire). The
 * constants are the names a client acts on; others are passed through as received.
 */
public class StreamApiException extends IOException {
    private static final long serialVersionUID = 1L;

    public static final String RESOURCE_NOT_FOUND = "ResourceNotFoundException";
    public static final String RESOURCE_IN_USE = "ResourceInUseException";
    public static final String INVALID_ARGUMENT = "InvalidArgumentException";
    public static final String EXPIRED_ITERATOR = "ExpiredIteratorException";
    public static final String PROVISIONED_THROUGHPUT_EXCEEDED = "ProvisionedThroughputExceededException";
    public static final String LIMIT_EXCEEDED = "LimitExceededException";
    public static final String INTERNAL_FAILURE = "InternalFailure";
    public static final String SERVICE_UNAVAILABLE = "ServiceUnavailable";
    public static final String VALIDATION = "ValidationException";

    private final String errorType;

    public StreamApiException(String errorType, String message) {
        super(message == null || message.isEmpty() ? errorType : message);
        this.errorType = errorType;
    }

    public StreamApiException(String errorType, String message, Throwable cause) {
        super(message == null || message.isEmpty() ? errorType : message, cause);
        this.errorType = errorType;
    }

    /** The Kinesis error name, e.g. {@code ResourceNotFoundException}. */
    public String errorType() {
        return errorType;
    }

    /** The call was refused for rate: retry it later, with backoff. */
    public boolean isThrottling() {
        return PROVISIONED_THROUGHPUT_EXCEEDED.equals(errorType)
                || LIMIT_EXCEEDED.equals(errorType)
                || "ThrottlingException".equals(errorType)
                || "KMSThrottlingException".equals(errorType);
    }

    /** The service failed on its side; the same call may succeed if retried. */
    public boolean isTransient() {
        return INTERNAL_FAILURE.equals(errorType)
                || SERVICE_UNAVAILABLE.equals(errorType)
                || "InternalFailureException".equals(errorType);
    }

    public boolean isExpiredIterator() {
        return EXPIRED_ITERATOR.equals(errorType);
    }

    public boolean isNotFound() {
        return RESOURCE_NOT_FOUND.equals(errorType);
    }
}

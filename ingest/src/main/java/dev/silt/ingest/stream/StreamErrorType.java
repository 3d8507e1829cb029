package dev.silt.ingest.stream;

/**
 * The errors a stream operation reports, named as the Kinesis service names them: {@link #wireName()} is the
 * {@code __type} a client expects and {@link #httpStatus()} the status it is sent with.
 */
public enum StreamErrorType {
    /** The stream, shard or consumer does not exist (or is not visible yet). */
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 400),
    /** The stream is not in a state that allows the operation (CREATING, UPDATING, DELETING, or exists already). */
    RESOURCE_IN_USE("ResourceInUseException", 400),
    /** A value is well-formed but not acceptable: an unknown shard, a bad iterator, a retention going the wrong way. */
    INVALID_ARGUMENT("InvalidArgumentException", 400),
    /** A request field breaks the API's constraints (length, pattern, range) or a required one is missing. */
    VALIDATION("ValidationException", 400),
    /** An account or stream limit would be exceeded, or too many control-plane operations run at once. */
    LIMIT_EXCEEDED("LimitExceededException", 400),
    /** The shard iterator is older than five minutes. */
    EXPIRED_ITERATOR("ExpiredIteratorException", 400),
    /** The pagination token is older than five minutes. */
    EXPIRED_NEXT_TOKEN("ExpiredNextTokenException", 400),
    /** The shard's throughput limit was exceeded; retry with backoff. */
    PROVISIONED_THROUGHPUT_EXCEEDED("ProvisionedThroughputExceededException", 400),
    /** The server failed (for example a disk error); the request may be retried. */
    INTERNAL_FAILURE("InternalFailure", 500);

    private final String wireName;
    private final int httpStatus;

    StreamErrorType(String wireName, int httpStatus) {
        this.wireName = wireName;
        this.httpStatus = httpStatus;
    }

    /** The {@code __type} of the service's error response, e.g. {@code ResourceNotFoundException}. */
    public String wireName() {
        return wireName;
    }

    public int httpStatus() {
        return httpStatus;
    }
}

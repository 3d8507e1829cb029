package dev.silt.ingest.wire.internal;

/**
 * Every constant of the Kinesis Data Streams wire protocol that silt speaks, in one place: the target prefix,
 * the content types, the headers and the error names the service returns.
 */
public final class KinesisWire {
    /** {@code X-Amz-Target} is this prefix followed by the operation name. */
    public static final String TARGET_PREFIX = "Kinesis_20131202.";

    public static final String TARGET_HEADER = "X-Amz-Target";
    public static final String REQUEST_ID_HEADER = "x-amzn-RequestId";
    public static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";

    public static final String JSON_CONTENT_TYPE = "application/x-amz-json-1.1";
    public static final String CBOR_CONTENT_TYPE = "application/x-amz-cbor-1.1";

    /** SigV4 service name in the credential scope. */
    public static final String SIGNING_SERVICE = "kinesis";

    // Error names, exactly as the service spells them in "__type".
    public static final String RESOURCE_NOT_FOUND = "ResourceNotFoundException";
    public static final String RESOURCE_IN_USE = "ResourceInUseException";
    public static final String INVALID_ARGUMENT = "InvalidArgumentException";
    public static final String VALIDATION = "ValidationException";
    public static final String LIMIT_EXCEEDED = "LimitExceededException";
    public static final String EXPIRED_ITERATOR = "ExpiredIteratorException";
    public static final String EXPIRED_NEXT_TOKEN = "ExpiredNextTokenException";
    public static final String THROUGHPUT_EXCEEDED = "ProvisionedThroughputExceededException";
    public static final String SERIALIZATION = "SerializationException";
    public static final String UNKNOWN_OPERATION = "UnknownOperationException";
    public static final String INTERNAL_FAILURE = "InternalFailure";
    public static final String SERVICE_UNAVAILABLE = "ServiceUnavailableException";
    public static final String UNRECOGNIZED_CLIENT = "UnrecognizedClientException";
    public static final String INVALID_SIGNATURE = "InvalidSignatureException";
    public static final String MISSING_AUTHENTICATION_TOKEN = "MissingAuthenticationTokenException";
    public static final String INCOMPLETE_SIGNATURE = "IncompleteSignatureException";

    private KinesisWire() {}
}

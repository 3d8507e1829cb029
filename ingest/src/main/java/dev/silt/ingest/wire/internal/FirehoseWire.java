package dev.silt.ingest.wire.internal;

/**
 * Every constant of the Firehose wire protocol that silt speaks, in one place: the target prefix, the signing
 * service, the error names, and silt's own members and operations. Bodies are JSON 1.1 ({@link
 * KinesisWire#JSON_CONTENT_TYPE}), as every Firehose client sends them; errors travel as Kinesis's do.
 *
 * <p>silt extensions, which AWS's Firehose does not have (clients that do not know them are unaffected):
 *
 * <ul>
 *   <li>operations {@value #START} and {@value #STOP} ({@code {"DeliveryStreamName": …}}, empty answer): stop lands
 *       what the stream accepted and keeps its definition; a stopped stream refuses puts;
 *   <li>on {@code CreateDeliveryStream}: {@value #SILT_DESTINATION} (a file system URI), {@value #SILT_SOURCE}
 *       ({@code direct-put}, {@code stream:NAME}, {@code kafka:HOST:PORT/TOPIC}) and {@value #SILT_SETTINGS} (a
 *       map of {@code silt.ingest.delivery.*} keys); a {@code BucketARN} may also be a file system URI;
 *   <li>in {@code DeliveryStreamDescription}: the same three members, and {@value #SILT_METRICS}; status may also
 *       be {@code STOPPED} or {@code FAILED}.
 * </ul>
 */
public final class FirehoseWire {
    /** {@code X-Amz-Target} is this prefix followed by the operation name. */
    public static final String TARGET_PREFIX = "Firehose_20150804.";

    /** SigV4 service name in the credential scope. */
    public static final String SIGNING_SERVICE = "firehose";

    // Error names, as the service spells them in "__type".
    public static final String RESOURCE_NOT_FOUND = "ResourceNotFoundException";
    public static final String RESOURCE_IN_USE = "ResourceInUseException";
    public static final String INVALID_ARGUMENT = "InvalidArgumentException";
    public static final String SERVICE_UNAVAILABLE = "ServiceUnavailableException";

    // silt's own operations and members.
    public static final String START = "StartDeliveryStream";
    public static final String STOP = "StopDeliveryStream";
    public static final String SILT_DESTINATION = "SiltDestination";
    public static final String SILT_SOURCE = "SiltSource";
    public static final String SILT_SETTINGS = "SiltSettings";
    public static final String SILT_METRICS = "SiltMetrics";

    /** The one destination id of a delivery stream (Firehose numbers them; silt has one per stream). */
    public static final String DESTINATION_ID = "destinationId-000000000001";

    /** {@code ListDeliveryStreams} answers this many names when the request has no {@code Limit}, as Firehose. */
    public static final int DEFAULT_LIST_LIMIT = 10;

    public static final int MAX_LIST_LIMIT = 10_000;

    private FirehoseWire() {}
}

package dev.silt.ingest.delivery.internal;

/** Values of {@code !{firehose:error-output-type}}: the kinds of failure the error output is split by. */
public final class ErrorTypes {
    /** The transform returned ProcessingFailed or threw. */
    public static final String PROCESSING_FAILED = "processing-failed";
    /** The record does not fit the ORC schema. */
    public static final String FORMAT_CONVERSION_FAILED = "format-conversion-failed";
    /** The record is not what the layout needs: not JSON, no event time, bad partition key, a line break. */
    public static final String MALFORMED = "malformed";
    /** The record is larger than the largest record accepted. */
    public static final String OVERSIZE = "oversize";

    private ErrorTypes() {}
}

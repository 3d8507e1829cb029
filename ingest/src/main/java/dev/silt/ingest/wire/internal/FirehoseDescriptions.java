package dev.silt.ingest.wire.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.silt.ingest.IngestKeys;
import dev.silt.ingest.delivery.DeliveryConfig;
import dev.silt.ingest.delivery.DeliveryMetrics;
import dev.silt.ingest.delivery.DeliveryStreamDefinition;
import dev.silt.ingest.delivery.DeliveryStreamStatus;
import dev.silt.ingest.delivery.SourceSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code CreateDeliveryStream} members to a delivery-stream definition, and a definition back to a {@code
 * DeliveryStreamDescription}. Firehose's S3 destination maps onto silt's settings: {@code BucketARN} {@code
 * arn:aws:s3:::B} lands in {@code s3a://B/} (or, a silt extension, it is a file system URI itself), {@code Prefix},
 * {@code ErrorOutputPrefix}, {@code BufferingHints} and {@code CompressionFormat} become the delivery keys, an ORC
 * serializer in {@code DataFormatConversionConfiguration} selects ORC output (its schema comes from {@code
 * SiltSettings}). Stateless and thread-safe.
 */
final class FirehoseDescriptions {
    private static final String DIRECT_PUT = "DirectPut";
    private static final String KINESIS_SOURCE = "KinesisStreamAsSource";
    private static final String MSK_SOURCE = "MSKAsSource";

    private final String region;
    private final String account;

    FirehoseDescriptions(String region, String account) {
        this.region = region;
        this.account = account;
    }

    private String arn(String name) {
        return "arn:aws:firehose:" + region + ":" + account + ":deliverystream/" + name;
    }

    // ---------------------------------------------------------------- requests

    private static Members s3(Members m) throws WireException {
        Members d = m.optionalStructure("ExtendedS3DestinationConfiguration");
        return d != null ? d : m.optionalStructure("S3DestinationConfiguration");
    }

    String destination(Members m) throws WireException {
        String silt = m.optionalString(FirehoseWire.SILT_DESTINATION);
        if (silt != null) {
            return silt;
        }
        Members s3 = s3(m);
        String bucket = s3 == null ? null : s3.optionalString("BucketARN");
        if (bucket == null || bucket.isBlank()) {
            throw new WireException(
                    FirehoseWire.INVALID_ARGUMENT,
                    "CreateDeliveryStream needs a destination: ExtendedS3DestinationConfiguration.BucketARN"
                            + " (arn:aws:s3:::BUCKET, or a URI such as file:///data/lake) or "
                            + FirehoseWire.SILT_DESTINATION);
        }
        if (bucket.startsWith("arn:")) {
            String[] parts = bucket.split(":", 6);
            if (parts.length != 6 || !parts[2].equals("s3") || parts[5].isEmpty()) {
                throw new WireException(
                        FirehoseWire.INVALID_ARGUMENT,
                        "BucketARN '" + bucket + "' is not an S3 bucket ARN like arn:aws:s3:::BUCKET");
            }
            return "s3a://" + parts[5] + "/";
        }
        return bucket;
    }

    SourceSpec source(Members m) throws WireException {
        String silt = m.optionalString(FirehoseWire.SILT_SOURCE);
        try {
            if (silt != null) {
                return SourceSpec.parse(silt);
            }
            String type = m.optionalString("DeliveryStreamType");
            if (type == null || type.equals(DIRECT_PUT)) {
                return SourceSpec.DIRECT_PUT;
            }
            if (type.equals(KINESIS_SOURCE)) {
                Members k = m.optionalStructure("KinesisStreamSourceConfiguration");
                String stream = k == null ? null : k.optionalString("KinesisStreamARN");
                if (stream == null) {
                    throw new WireException(
                            FirehoseWire.INVALID_ARGUMENT,
                            "KinesisStreamAsSource needs KinesisStreamSourceConfiguration.KinesisStreamARN");
                }
                int slash = stream.lastIndexOf(":stream/");
                return SourceSpec.parse(
                        "stream:" + (slash < 0 ? stream : stream.substring(slash + ":stream/".length())));
            }
            if (type.equals(MSK_SOURCE)) {
                Members k = m.optionalStructure("MSKSourceConfiguration");
                String cluster = k == null ? null : k.optionalString("MSKClusterARN");
                String topic = k == null ? null : k.optionalString("TopicName");
                if (cluster == null || topic == null) {
                    throw new WireException(
                            FirehoseWire.INVALID_ARGUMENT,
                            "MSKAsSource needs MSKSourceConfiguration.MSKClusterARN (in silt: the Kafka bootstrap"
                                    + " servers, HOST:PORT) and TopicName");
                }
                return SourceSpec.parse("kafka:" + cluster + "/" + topic);
            }
            throw new WireException(
                    FirehoseWire.INVALID_ARGUMENT,
                    "DeliveryStreamType '" + type + "' is not supported: use " + DIRECT_PUT + ", " + KINESIS_SOURCE
                            + " or " + MSK_SOURCE);
        } catch (IllegalArgumentException e) {
            throw new WireException(FirehoseWire.INVALID_ARGUMENT, e.getMessage());
        }
    }

    Map<String, String> settings(Members m) throws WireException {
        Map<String, String> out = new LinkedHashMap<>();
        Members s3 = s3(m);
        if (s3 != null) {
            putIfSet(out, IngestKeys.DELIVERY_PREFIX, s3.optionalString("Prefix"));
            putIfSet(out, IngestKeys.DELIVERY_ERROR_PREFIX, s3.optionalString("ErrorOutputPrefix"));
            Members hints = s3.optionalStructure("BufferingHints");
            if (hints != null) {
                Integer mb = hints.optionalInt("SizeInMBs");
                Integer seconds = hints.optionalInt("IntervalInSeconds");
                putIfSet(out, IngestKeys.DELIVERY_BUFFER_SIZE_MB, mb == null ? null : mb.toString());
                putIfSet(out, IngestKeys.DELIVERY_BUFFER_INTERVAL_SECONDS, seconds == null ? null : seconds.toString());
            }
            String compression = s3.optionalString("CompressionFormat");
            if (compression != null) {
                out.put(IngestKeys.DELIVERY_COMPRESSION.key(), compression(compression));
            }
            Members conversion = s3.optionalStructure("DataFormatConversionConfiguration");
            if (conversion != null && !Boolean.FALSE.equals(conversion.optionalBoolean("Enabled"))) {
                Members output = conversion.optionalStructure("OutputFormatConfiguration");
                Members serializer = output == null ? null : output.optionalStructure("Serializer");
                if (serializer != null && serializer.has("OrcSerDe")) {
                    out.put(IngestKeys.DELIVERY_FORMAT.key(), "ORC");
                } else if (serializer != null && serializer.has("ParquetSerDe")) {
                    out.put(IngestKeys.DELIVERY_FORMAT.key(), "PARQUET");
                }
            }
        }
        Map<String, String> silt = m.optionalStringMap(FirehoseWire.SILT_SETTINGS);
        if (silt != null) {
            out.putAll(silt);
        }
        return out;
    }

    private static void putIfSet(Map<String, String> out, IngestKeys key, String value) {
        if (value != null) {
            out.put(key.key(), value);
        }
    }

    private static String compression(String format) throws WireException {
        switch (format) {
            case "UNCOMPRESSED":
                return "NONE";
            case "GZIP":
                return "GZIP";
            case "Snappy":
                return "SNAPPY";
            case "ZSTD":
                return "ZSTD";
            default:
                throw new WireException(
                        FirehoseWire.INVALID_ARGUMENT,
                        "CompressionFormat '" + format + "' is not supported: use UNCOMPRESSED, GZIP, Snappy or ZSTD");
        }
    }

    private static String compressionName(DeliveryConfig.Compression c) {
        return switch (c) {
            case NONE -> "UNCOMPRESSED";
            case GZIP -> "GZIP";
            case SNAPPY -> "Snappy";
            case ZSTD -> "ZSTD";
        };
    }

    static String typeOf(SourceSpec source) {
        return switch (source.kind()) {
            case DIRECT_PUT -> DIRECT_PUT;
            case STREAM -> KINESIS_SOURCE;
            case KAFKA -> MSK_SOURCE;
        };
    }

    // ---------------------------------------------------------------- responses

    ObjectNode created(DeliveryStreamDefinition def) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("DeliveryStreamARN", arn(def.name()));
        return out;
    }

    ObjectNode describe(DeliveryStreamStatus status, DeliveryConfig config) {
        DeliveryStreamDefinition def = status.definition();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ObjectNode d = out.putObject("DeliveryStreamDescription");
        d.put("DeliveryStreamName", def.name());
        d.put("DeliveryStreamARN", arn(def.name()));
        d.put("DeliveryStreamStatus", status.state().name());
        d.put("DeliveryStreamType", typeOf(def.source()));
        d.put("VersionId", "1");
        d.putPOJO("CreateTimestamp", new WireTimestamp(def.createdMillis()));
        d.putPOJO("LastUpdateTimestamp", new WireTimestamp(def.updatedMillis()));
        if (status.failure() != null) {
            d.putObject("FailureDescription").put("Type", "UNKNOWN_ERROR").put("Details", status.failure());
        }
        if (def.source().kind() == SourceSpec.Kind.STREAM) {
            d.putObject("Source")
                    .putObject("KinesisStreamSourceDescription")
                    .put(
                            "KinesisStreamARN",
                            "arn:aws:kinesis:" + region + ":" + account + ":stream/"
                                    + def.source().target());
        } else if (def.source().kind() == SourceSpec.Kind.KAFKA) {
            d.putObject("Source")
                    .putObject("MSKSourceDescription")
                    .put("MSKClusterARN", def.source().target())
                    .put("TopicName", def.source().topic());
        }
        ObjectNode s3 = d.putArray("Destinations")
                .addObject()
                .put("DestinationId", FirehoseWire.DESTINATION_ID)
                .putObject("ExtendedS3DestinationDescription");
        s3.put("BucketARN", def.destination());
        s3.put("Prefix", config.prefix());
        s3.put("ErrorOutputPrefix", config.errorPrefix());
        s3.putObject("BufferingHints")
                .put("SizeInMBs", config.bufferBytes() >> 20)
                .put("IntervalInSeconds", config.intervalMillis() / 1000);
        s3.put("CompressionFormat", compressionName(config.compression()));
        s3.putObject("EncryptionConfiguration").put("NoEncryptionConfig", "NoEncryption");
        if (config.format() != DeliveryConfig.Format.JSON_LINES) {
            ObjectNode serializer = s3.putObject("DataFormatConversionConfiguration")
                    .put("Enabled", true)
                    .putObject("OutputFormatConfiguration")
                    .putObject("Serializer");
            serializer.putObject(config.format() == DeliveryConfig.Format.ORC ? "OrcSerDe" : "ParquetSerDe");
        }
        d.put("HasMoreDestinations", false);
        d.put(FirehoseWire.SILT_DESTINATION, def.destination());
        d.put(FirehoseWire.SILT_SOURCE, def.source().toString());
        ObjectNode settings = d.putObject(FirehoseWire.SILT_SETTINGS);
        def.settings().forEach(settings::put);
        DeliveryMetrics m = status.metrics();
        if (m != null) {
            d.putObject(FirehoseWire.SILT_METRICS)
                    .put("RecordsIn", m.recordsIn())
                    .put("BytesIn", m.bytesIn())
                    .put("RecordsOut", m.recordsOut())
                    .put("BytesOut", m.bytesOut())
                    .put("FilesOut", m.filesOut())
                    .put("ErrorRecords", m.errorRecords())
                    .put("ErrorFiles", m.errorFiles())
                    .put("DroppedRecords", m.droppedRecords())
                    .put("SkippedRecords", m.skippedRecords())
                    .put("LagMillis", m.lagMillis())
                    .put("LagRecords", m.lagRecords())
                    .put("BufferedBytes", m.bufferedBytes());
        }
        return out;
    }
}

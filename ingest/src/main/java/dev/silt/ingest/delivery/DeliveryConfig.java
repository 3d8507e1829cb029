package dev.silt.ingest.delivery;

import dev.silt.ingest.IngestKeys;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The settings of one delivery stream, read from {@link IngestKeys} ({@code silt.ingest.delivery.*}) with their
 * defaults and ranges. Immutable and thread-safe; invalid values are rejected when it is built, each with one
 * message naming the key.
 */
public final class DeliveryConfig {
    private static final Pattern STREAM_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /** Output file format. */
    public enum Format {
        /** The records' bytes, one record per line, the file compressed as a whole. */
        JSON_LINES,
        /** ORC with a declared schema; JSON object records map to columns by field name. */
        ORC,
        /** Parquet with a declared schema (the same struct type string as ORC's), mapped the same way. */
        PARQUET
    }

    /** Whole-file compression of JSON lines, or the internal codec of ORC and Parquet. */
    public enum Compression {
        NONE(""),
        GZIP(".gz"),
        ZSTD(".zst"),
        SNAPPY(".snappy");

        private final String extension;

        Compression(String extension) {
            this.extension = extension;
        }

        /** File name suffix of JSON lines compressed this way (empty for none). */
        public String extension() {
            return extension;
        }
    }

    /** How a landed file becomes visible. */
    public enum CommitMode {
        /** {@link #DIRECT} on object stores ({@code s3a}, {@code s3}, {@code gs}, {@code abfs}), else rename. */
        AUTO,
        /** Write a temp file, then rename it to its final name (atomic on HDFS and local file systems). */
        RENAME,
        /** Write the final name once; the object appears only when complete (object stores). */
        DIRECT
    }

    private final String streamName;
    private final Map<String, String> settings;
    private final long bufferBytes;
    private final long intervalMillis;
    private final long idleMillis;
    private final long memoryBytes;
    private final long directPutCapacityBytes;
    private final int pollRecords;
    private final int maxRecordBytes;
    private final Format format;
    private final Compression compression;
    private final String orcSchema;
    private final String parquetSchema;
    private final String prefix;
    private final String errorPrefix;
    private final String timeField;
    private final long latenessMillis;
    private final String stateDir;
    private final CommitMode commitMode;
    private final long compactTargetBytes;
    private final long metricsIntervalMillis;
    private final long progressIntervalMillis;

    private DeliveryConfig(String streamName, Map<String, String> conf) {
        if (!STREAM_NAME.matcher(streamName).matches()) {
            throw new IllegalArgumentException(
                    "delivery stream name '" + streamName + "' must be 1 to 64 letters, digits, '_', '.' or '-'");
        }
        this.streamName = streamName;
        this.settings = Map.copyOf(conf);
        this.bufferBytes = IngestKeys.DELIVERY_BUFFER_SIZE_MB.getLong(conf) << 20;
        this.intervalMillis = IngestKeys.DELIVERY_BUFFER_INTERVAL_SECONDS.getLong(conf) * 1000;
        this.idleMillis = IngestKeys.DELIVERY_IDLE_FLUSH_SECONDS.getLong(conf) * 1000;
        this.memoryBytes = IngestKeys.DELIVERY_MEMORY_MB.getLong(conf) << 20;
        this.directPutCapacityBytes = IngestKeys.DELIVERY_DIRECT_PUT_CAPACITY_MB.getLong(conf) << 20;
        this.pollRecords = (int) IngestKeys.DELIVERY_POLL_RECORDS.getLong(conf);
        this.maxRecordBytes = (int) IngestKeys.MAX_RECORD_BYTES.getLong(conf);
        this.format = parseEnum(IngestKeys.DELIVERY_FORMAT, conf, Format.class);
        this.compression = parseEnum(IngestKeys.DELIVERY_COMPRESSION, conf, Compression.class);
        this.orcSchema = IngestKeys.DELIVERY_ORC_SCHEMA.getString(conf);
        if (format == Format.ORC && orcSchema.isEmpty()) {
            throw new IllegalArgumentException(
                    IngestKeys.DELIVERY_ORC_SCHEMA.key() + " must be set when the format is ORC");
        }
        this.parquetSchema = IngestKeys.DELIVERY_PARQUET_SCHEMA.getString(conf);
        if (format == Format.PARQUET && parquetSchema.isEmpty()) {
            throw new IllegalArgumentException(
                    IngestKeys.DELIVERY_PARQUET_SCHEMA.key() + " must be set when the format is PARQUET");
        }
        this.prefix = IngestKeys.DELIVERY_PREFIX.getString(conf);
        this.errorPrefix = IngestKeys.DELIVERY_ERROR_PREFIX.getString(conf);
        this.timeField = IngestKeys.DELIVERY_TIME_FIELD.getString(conf);
        this.latenessMillis = IngestKeys.DELIVERY_LATENESS_SECONDS.getLong(conf) * 1000;
        this.stateDir = IngestKeys.DELIVERY_STATE_DIR.getString(conf);
        if (stateDir.isEmpty() || !(stateDir.startsWith("_") || stateDir.startsWith("."))) {
            throw new IllegalArgumentException(IngestKeys.DELIVERY_STATE_DIR.key()
                    + " must start with '_' or '.' so that readers skip it, got '" + stateDir + "'");
        }
        this.commitMode = parseEnum(IngestKeys.DELIVERY_COMMIT, conf, CommitMode.class);
        this.compactTargetBytes = IngestKeys.DELIVERY_COMPACT_TARGET_MB.getLong(conf) << 20;
        this.metricsIntervalMillis = IngestKeys.DELIVERY_METRICS_INTERVAL_SECONDS.getLong(conf) * 1000;
        this.progressIntervalMillis = IngestKeys.DELIVERY_PROGRESS_INTERVAL_SECONDS.getLong(conf) * 1000;
    }

    /** The settings of stream {@code streamName} from {@code conf}; keys that are absent take their defaults. */
    public static DeliveryConfig of(String streamName, Map<String, String> conf) {
        return new DeliveryConfig(streamName, conf);
    }

    /** A copy with {@code key} set to {@code value}. */
    public DeliveryConfig with(String key, String value) {
        Map<String, String> next = new HashMap<>(settings);
        next.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
        return new DeliveryConfig(streamName, next);
    }

    private static <E extends Enum<E>> E parseEnum(IngestKeys key, Map<String, String> conf, Class<E> type) {
        String raw = key.getString(conf);
        try {
            return Enum.valueOf(type, raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    key.key() + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()) + ", got '"
                            + raw + "'",
                    e);
        }
    }

    public String streamName() {
        return streamName;
    }

    public long bufferBytes() {
        return bufferBytes;
    }

    public long intervalMillis() {
        return intervalMillis;
    }

    public long idleMillis() {
        return idleMillis;
    }

    public long memoryBytes() {
        return memoryBytes;
    }

    public long directPutCapacityBytes() {
        return directPutCapacityBytes;
    }

    public int pollRecords() {
        return pollRecords;
    }

    public int maxRecordBytes() {
        return maxRecordBytes;
    }

    public Format format() {
        return format;
    }

    public Compression compression() {
        return compression;
    }

    public String orcSchema() {
        return orcSchema;
    }

    public String parquetSchema() {
        return parquetSchema;
    }

    /** The declared schema of the columnar format in use, or empty for JSON lines. */
    public String columnarSchema() {
        return switch (format) {
            case ORC -> orcSchema;
            case PARQUET -> parquetSchema;
            case JSON_LINES -> "";
        };
    }

    public String prefix() {
        return prefix;
    }

    public String errorPrefix() {
        return errorPrefix;
    }

    public String timeField() {
        return timeField;
    }

    public long latenessMillis() {
        return latenessMillis;
    }

    public String stateDir() {
        return stateDir;
    }

    public CommitMode commitMode() {
        return commitMode;
    }

    public long compactTargetBytes() {
        return compactTargetBytes;
    }

    /** Interval of the metrics report in milliseconds; 0 turns it off. */
    public long metricsIntervalMillis() {
        return metricsIntervalMillis;
    }

    /** Interval of the catch-up progress report in milliseconds; 0 turns it off. */
    public long progressIntervalMillis() {
        return progressIntervalMillis;
    }
}

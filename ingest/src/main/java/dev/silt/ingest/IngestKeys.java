package dev.silt.ingest;

import java.util.Locale;
import java.util.Map;

/**
 * Every configuration key of the ingest module, with its default, its unit and its accepted range, in one place.
 * Values are read from a plain string map (a properties file, {@code -D} options or a server's settings).
 */
public enum IngestKeys {
    /** A shard's active segment file rolls once it would grow past this many bytes. */
    SEGMENT_BYTES("silt.ingest.segment.bytes", 64L * 1024 * 1024, 1024, 1L << 30, "segment file size in bytes"),
    /**
     * When an acknowledged append is on disk: {@code SYNC_EACH_BATCH} (fsync before the ack, group-committed) or
     * {@code NONE} (the operating system decides; acknowledged records can be lost on power loss).
     */
    FSYNC_POLICY("silt.ingest.fsync.policy", "SYNC_EACH_BATCH", "fsync policy: SYNC_EACH_BATCH or NONE"),
    /** Largest record (data plus partition key), in bytes: 1 MiB as Kinesis historically, up to 10 MiB. */
    MAX_RECORD_BYTES("silt.ingest.record.max.bytes", 1024L * 1024, 1, 10L * 1024 * 1024, "largest record in bytes"),
    /** How long records stay readable, in hours: 24 by default, 24 to 8,760 (one year) as in Kinesis. */
    RETENTION_HOURS("silt.ingest.retention.hours", 24L, 24, 8760, "retention period in hours"),
    /** Bytes of a segment between two entries of its in-memory sequence and time index. */
    INDEX_INTERVAL_BYTES("silt.ingest.index.interval.bytes", 4096L, 1, 1L << 20, "bytes between sparse index entries"),
    /** The region named in stream ARNs and error messages. */
    STREAM_REGION("silt.ingest.stream.region", "us-east-1", "region shown in stream ARNs"),
    /** The 12-digit account id named in stream ARNs and error messages. */
    STREAM_ACCOUNT("silt.ingest.stream.account", "000000000000", "account id shown in stream ARNs"),
    /** How long a new stream stays CREATING before it turns ACTIVE, in milliseconds; 0 makes it ACTIVE at once. */
    STREAM_CREATE_DELAY_MILLIS(
            "silt.ingest.stream.create.delay.ms", 500L, 0, 600_000, "CREATING to ACTIVE delay in milliseconds"),
    /** How long a resharded stream stays UPDATING, in milliseconds; only one reshard runs at a time. */
    STREAM_UPDATE_DELAY_MILLIS(
            "silt.ingest.stream.update.delay.ms", 500L, 0, 600_000, "UPDATING to ACTIVE delay in milliseconds"),
    /** How long a deleted stream stays DELETING before it disappears, in milliseconds. */
    STREAM_DELETE_DELAY_MILLIS(
            "silt.ingest.stream.delete.delay.ms", 500L, 0, 600_000, "DELETING to gone delay in milliseconds"),
    /** Most open shards across every stream of the account (the service's default quota is 500 or 200). */
    STREAM_SHARD_LIMIT("silt.ingest.stream.shard.limit", 500L, 1, 100_000, "open shards per account"),
    /**
     * Whether each shard enforces the service's throughput: 1 MB/s or 1,000 records/s in, 2 MB/s and 5 GetRecords
     * calls/s out. Off by default, since one local server is usually wanted as fast as it goes.
     */
    STREAM_THROUGHPUT_LIMITS(
            "silt.ingest.stream.throughput.limits", "false", "enforce per-shard throughput: true or false"),
    /** How often expired records are trimmed and pending status changes applied, in milliseconds. */
    STREAM_MAINTENANCE_INTERVAL_MILLIS(
            "silt.ingest.stream.maintenance.interval.ms",
            60_000L,
            10,
            86_400_000,
            "retention trim and status change interval in milliseconds"),

    // --- delivery (micro-batches landed in a file system) ---

    /** Buffer size hint in MiB: a buffer is landed once it holds this much, 1 to 128 as in Firehose. */
    DELIVERY_BUFFER_SIZE_MB("silt.ingest.delivery.buffer.size.mb", 5L, 1, 128, "buffer size hint in MiB"),
    /** Buffer interval hint in seconds: a buffer is landed this long after its first record, 0 to 900. */
    DELIVERY_BUFFER_INTERVAL_SECONDS(
            "silt.ingest.delivery.buffer.interval.seconds", 300L, 0, 900, "buffer interval hint in seconds"),
    /** When no record has come in for this many seconds, every buffer is landed (nothing waits for the hint). */
    DELIVERY_IDLE_FLUSH_SECONDS(
            "silt.ingest.delivery.idle.flush.seconds", 30L, 0, 900, "land all buffers after this idle time"),
    /** Bound on the bytes all buffers of one delivery stream hold; the largest buffer is landed past it. */
    DELIVERY_MEMORY_MB("silt.ingest.delivery.memory.mb", 256L, 1, 16384, "bytes all buffers may hold, in MiB"),
    /** Bytes the in-process direct-put source holds before it answers "service unavailable, retry". */
    DELIVERY_DIRECT_PUT_CAPACITY_MB(
            "silt.ingest.delivery.direct.put.capacity.mb", 64L, 1, 4096, "direct-put queue bound in MiB"),
    /** Records taken from the source per poll. */
    DELIVERY_POLL_RECORDS("silt.ingest.delivery.poll.records", 1000L, 1, 100_000, "records per source poll"),
    /** Output format: {@code JSON_LINES} (raw records, one per line), {@code ORC} or {@code PARQUET} (need a schema). */
    DELIVERY_FORMAT("silt.ingest.delivery.format", "JSON_LINES", "output format: JSON_LINES, ORC or PARQUET"),
    /** Whole-file compression: NONE, GZIP, ZSTD or SNAPPY (for ORC: its internal codec; GZIP means ZLIB). */
    DELIVERY_COMPRESSION("silt.ingest.delivery.compression", "GZIP", "compression: NONE, GZIP, ZSTD or SNAPPY"),
    /** ORC schema, e.g. {@code struct<user:string,ts:timestamp,n:bigint>}; JSON fields map by name. */
    DELIVERY_ORC_SCHEMA("silt.ingest.delivery.orc.schema", "", "ORC schema as a struct type string"),
    /**
     * Parquet schema, written as the same struct type string as the ORC schema, e.g. {@code
     * struct<user:string,ts:timestamp,n:bigint>}; every column is optional, timestamps are INT64 microseconds (UTC).
     */
    DELIVERY_PARQUET_SCHEMA(
            "silt.ingest.delivery.parquet.schema", "", "Parquet schema as a struct type string (as for ORC)"),
    /**
     * Object prefix under the destination. {@code !{timestamp:PATTERN}} and {@code !{partitionKey:FIELD}} are
     * substituted; without a timestamp expression {@code yyyy/MM/dd/HH/} is appended.
     */
    DELIVERY_PREFIX("silt.ingest.delivery.prefix", "", "object prefix with !{timestamp:..}/!{partitionKey:..}"),
    /** Prefix of the error output; {@code !{firehose:error-output-type}} names the kind of failure. */
    DELIVERY_ERROR_PREFIX(
            "silt.ingest.delivery.error.prefix", "errors/!{firehose:error-output-type}/", "error output prefix"),
    /** JSON field holding the event time (epoch millis or ISO-8601); empty: partition by arrival time. */
    DELIVERY_TIME_FIELD("silt.ingest.delivery.time.field", "", "event-time field; empty for arrival time"),
    /** Event-time records older than arrival minus this many seconds count as late (they still land). */
    DELIVERY_LATENESS_SECONDS(
            "silt.ingest.delivery.lateness.seconds", 3600L, 0, 7 * 24 * 3600, "lateness window in seconds"),
    /** Directory under the destination for checkpoints, commit intents and temp files (hidden from readers). */
    DELIVERY_STATE_DIR("silt.ingest.delivery.state.dir", "_delivery", "state directory under the destination"),
    /** How files become visible: AUTO (DIRECT on object stores, RENAME elsewhere), RENAME or DIRECT. */
    DELIVERY_COMMIT("silt.ingest.delivery.commit", "AUTO", "commit mode: AUTO, RENAME or DIRECT"),
    /** Compaction merges an hour's files into files of about this size, in MiB. */
    DELIVERY_COMPACT_TARGET_MB("silt.ingest.delivery.compact.target.mb", 128L, 1, 4096, "compacted file size in MiB"),
    /** How often a delivery stream reports its metrics (records, bytes, files, errors, lag), in seconds; 0: never. */
    DELIVERY_METRICS_INTERVAL_SECONDS(
            "silt.ingest.delivery.metrics.interval.seconds", 60L, 0, 86_400, "metrics report interval in seconds"),
    /** How often a delivery stream behind its source reports its progress (landed, to go, rate, ETA); 0: never. */
    DELIVERY_PROGRESS_INTERVAL_SECONDS(
            "silt.ingest.delivery.progress.interval.seconds", 5L, 0, 86_400, "catch-up progress interval in seconds"),

    // --- delivery sources: a silt stream, Kafka topics (dev.silt.ingest.delivery) ---

    /** How often the stream source lists shards again when none ended, to find new ones; in seconds. */
    DELIVERY_STREAM_RELIST_SECONDS(
            "silt.ingest.delivery.stream.relist.seconds", 30L, 1, 3600, "stream source: shard relisting period"),
    /** Kafka consumer group of a delivery stream; empty: {@code silt-delivery-<delivery stream name>}. */
    DELIVERY_KAFKA_GROUP("silt.ingest.delivery.kafka.group", "", "Kafka consumer group; empty: silt-delivery-<name>"),
    /** Longest a Kafka source's poll waits for records, in milliseconds (0: never waits). */
    DELIVERY_KAFKA_POLL_TIMEOUT_MILLIS(
            "silt.ingest.delivery.kafka.poll.timeout.ms", 50L, 0, 10_000, "Kafka poll wait, in milliseconds"),

    // The Kinesis wire server (dev.silt.ingest.wire).
    /** Address the Kinesis wire server listens on; anything but loopback requires signature verification. */
    WIRE_BIND_ADDRESS("silt.ingest.wire.bind.address", "127.0.0.1", "Kinesis server listen address"),
    /** TCP port of the Kinesis wire server; 0 picks a free one. */
    WIRE_PORT("silt.ingest.wire.port", 4567L, 0, 65535, "Kinesis server TCP port (0: ephemeral)"),
    /** Netty event-loop threads (socket I/O only; operations never run there). */
    WIRE_IO_THREADS("silt.ingest.wire.io.threads", 2L, 1, 64, "Kinesis server event-loop threads"),
    /** Threads that run operations (they block on fsync); also the largest number running at once. */
    WIRE_WORKER_THREADS("silt.ingest.wire.worker.threads", 16L, 1, 1024, "Kinesis server operation threads"),
    /** Requests waiting for a worker beyond which the server answers 503 ServiceUnavailableException. */
    WIRE_QUEUE_CAPACITY("silt.ingest.wire.queue.capacity", 1024L, 1, 1L << 20, "Kinesis server request queue bound"),
    /**
     * {@code true} verifies every request's SigV4 signature against {@link #WIRE_CREDENTIALS}; {@code false} (the
     * default, for local use) accepts any signature.
     */
    WIRE_SIGV4_VERIFY("silt.ingest.wire.sigv4.verify", "false", "verify SigV4 signatures: true or false"),
    /** Accepted credentials when verifying: {@code ACCESS_KEY:SECRET[,ACCESS_KEY:SECRET…]}. */
    WIRE_CREDENTIALS("silt.ingest.wire.credentials", "", "accepted ACCESS_KEY:SECRET pairs, comma-separated"),
    /** Largest difference between a request's X-Amz-Date and the server's clock, in seconds (the service: 5 min). */
    WIRE_MAX_CLOCK_SKEW_SECONDS(
            "silt.ingest.wire.sigv4.max.skew.seconds", 300L, 1, 86400, "largest signing clock skew in seconds"),

    // The stream consumer (dev.silt.ingest.consumer) and client (dev.silt.ingest.client).
    /** Shards a consumer reads at the same time; more ready shards than this take turns. */
    CONSUMER_MAX_WORKERS("silt.ingest.consumer.max.workers", 8L, 1, 1024, "shards a consumer reads in parallel"),
    /** Records a consumer asks for per {@code GetRecords} call (Kinesis allows up to 10,000). */
    CONSUMER_RECORDS_PER_CALL(
            "silt.ingest.consumer.records.per.call", 10_000L, 1, 10_000, "records per GetRecords call"),
    /** How long a consumer waits before reading a shard again that had nothing new, in milliseconds. */
    CONSUMER_IDLE_POLL_MILLIS(
            "silt.ingest.consumer.idle.poll.ms", 250L, 1, 60_000, "pause after an empty read, in milliseconds"),
    /** First backoff after a throttled or failed call, in milliseconds; it doubles per retry up to the maximum. */
    CONSUMER_BACKOFF_BASE_MILLIS(
            "silt.ingest.consumer.backoff.base.ms", 100L, 1, 60_000, "first retry backoff, in milliseconds"),
    /** Largest backoff between retries, in milliseconds. */
    CONSUMER_BACKOFF_MAX_MILLIS(
            "silt.ingest.consumer.backoff.max.ms", 10_000L, 1, 600_000, "largest retry backoff, in milliseconds"),
    /**
     * Retries of a call that failed on the service's side or in transport before the consumer gives up; throttled
     * calls are retried for as long as the consumer runs.
     */
    CONSUMER_MAX_RETRIES("silt.ingest.consumer.max.retries", 10L, 0, 1000, "retries of a failed call"),
    /** Time limit of one HTTP call of the stream client, in milliseconds. */
    CLIENT_TIMEOUT_MILLIS(
            "silt.ingest.client.timeout.ms", 30_000L, 100, 600_000, "HTTP request time limit, in milliseconds");

    private final String key;
    private final String defaultValue;
    private final boolean numeric;
    private final long min;
    private final long max;
    private final String doc;

    IngestKeys(String key, long defaultValue, long min, long max, String doc) {
        this.key = key;
        this.defaultValue = Long.toString(defaultValue);
        this.numeric = true;
        this.min = min;
        this.max = max;
        this.doc = doc;
    }

    IngestKeys(String key, String defaultValue, String doc) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.numeric = false;
        this.min = 0;
        this.max = 0;
        this.doc = doc;
    }

    public String key() {
        return key;
    }

    public String doc() {
        return doc;
    }

    public String defaultString() {
        return defaultValue;
    }

    public long defaultLong() {
        if (!numeric) {
            throw new IllegalStateException(key + " is not a numeric key");
        }
        return Long.parseLong(defaultValue);
    }

    /** Smallest accepted value of a numeric key. */
    public long min() {
        return min;
    }

    /** Largest accepted value of a numeric key. */
    public long max() {
        return max;
    }

    /** The key's value in {@code conf}, or its default; out-of-range or non-numeric values are rejected. */
    public long getLong(Map<String, String> conf) {
        long fallback = defaultLong();
        String raw = conf.get(key);
        if (raw == null) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + raw + "'", e);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    String.format(Locale.ROOT, "%s must be between %d and %d, got %d", key, min, max, value));
        }
        return value;
    }

    /** The key's value in {@code conf}, or its default, as {@code true} or {@code false} (case-insensitive). */
    public boolean getBoolean(Map<String, String> conf) {
        String value = getString(conf).toLowerCase(Locale.ROOT);
        if (value.equals("true")) {
            return true;
        }
        if (value.equals("false")) {
            return false;
        }
        throw new IllegalArgumentException(key + " must be true or false, got '" + value + "'");
    }

    /** The key's value in {@code conf}, or its default. */
    public String getString(Map<String, String> conf) {
        String raw = conf.get(key);
        return raw == null ? defaultString() : raw.trim();
    }
}

package dev.silt.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.silt.ingest.delivery.DeliveryConfig;
import dev.silt.ingest.stream.FsyncPolicy;
import dev.silt.ingest.stream.ShardLogOptions;
import dev.silt.ingest.stream.StreamServiceOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestKeysTest {
    @Test
    void parquetAndReportingDefaultsArePinned() {
        assertEquals("", IngestKeys.DELIVERY_PARQUET_SCHEMA.defaultString());
        assertEquals(60, IngestKeys.DELIVERY_METRICS_INTERVAL_SECONDS.defaultLong());
        assertEquals(0, IngestKeys.DELIVERY_METRICS_INTERVAL_SECONDS.min());
        assertEquals(86_400, IngestKeys.DELIVERY_METRICS_INTERVAL_SECONDS.max());
        assertEquals(5, IngestKeys.DELIVERY_PROGRESS_INTERVAL_SECONDS.defaultLong());
        assertEquals(0, IngestKeys.DELIVERY_PROGRESS_INTERVAL_SECONDS.min());
        DeliveryConfig config = DeliveryConfig.of("s", Map.of());
        assertEquals(60_000, config.metricsIntervalMillis());
        assertEquals(5_000, config.progressIntervalMillis());
        assertEquals(
                "silt.ingest.delivery.metrics.interval.seconds must be between 0 and 86400, got -1",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> DeliveryConfig.of(
                                        "s", Map.of("silt.ingest.delivery.metrics.interval.seconds", "-1")))
                        .getMessage());
    }

    @Test
    void defaultsArePinned() {
        assertEquals(64L * 1024 * 1024, IngestKeys.SEGMENT_BYTES.defaultLong());
        assertEquals("SYNC_EACH_BATCH", IngestKeys.FSYNC_POLICY.defaultString());
        assertEquals(1024L * 1024, IngestKeys.MAX_RECORD_BYTES.defaultLong());
        assertEquals(10L * 1024 * 1024, IngestKeys.MAX_RECORD_BYTES.max());
        assertEquals(24, IngestKeys.RETENTION_HOURS.defaultLong());
        assertEquals(24, IngestKeys.RETENTION_HOURS.min());
        assertEquals(8760, IngestKeys.RETENTION_HOURS.max());
        assertEquals(4096, IngestKeys.INDEX_INTERVAL_BYTES.defaultLong());
        assertEquals("127.0.0.1", IngestKeys.WIRE_BIND_ADDRESS.defaultString());
        assertEquals(4567, IngestKeys.WIRE_PORT.defaultLong());
        assertEquals(2, IngestKeys.WIRE_IO_THREADS.defaultLong());
        assertEquals(16, IngestKeys.WIRE_WORKER_THREADS.defaultLong());
        assertEquals(1024, IngestKeys.WIRE_QUEUE_CAPACITY.defaultLong());
        assertEquals("false", IngestKeys.WIRE_SIGV4_VERIFY.defaultString());
        assertEquals("", IngestKeys.WIRE_CREDENTIALS.defaultString());
        assertEquals(300, IngestKeys.WIRE_MAX_CLOCK_SKEW_SECONDS.defaultLong());
        assertEquals("us-east-1", IngestKeys.STREAM_REGION.defaultString());
        assertEquals("000000000000", IngestKeys.STREAM_ACCOUNT.defaultString());
        assertEquals(500, IngestKeys.STREAM_CREATE_DELAY_MILLIS.defaultLong());
        assertEquals(500, IngestKeys.STREAM_UPDATE_DELAY_MILLIS.defaultLong());
        assertEquals(500, IngestKeys.STREAM_DELETE_DELAY_MILLIS.defaultLong());
        assertEquals(0, IngestKeys.STREAM_CREATE_DELAY_MILLIS.min());
        assertEquals(500, IngestKeys.STREAM_SHARD_LIMIT.defaultLong());
        assertEquals("false", IngestKeys.STREAM_THROUGHPUT_LIMITS.defaultString());
        assertEquals(60_000, IngestKeys.STREAM_MAINTENANCE_INTERVAL_MILLIS.defaultLong());

        StreamServiceOptions service = StreamServiceOptions.defaults();
        assertEquals("us-east-1", service.region());
        assertEquals(false, service.throughputLimits());
        assertEquals(24, service.defaultRetentionHours());
        assertEquals(Duration.ofMillis(500), service.createDelay());
        assertEquals("arn:aws:kinesis:us-east-1:000000000000:stream/s", service.streamArn("s"));

        assertEquals(5, IngestKeys.DELIVERY_BUFFER_SIZE_MB.defaultLong());
        assertEquals(1, IngestKeys.DELIVERY_BUFFER_SIZE_MB.min());
        assertEquals(128, IngestKeys.DELIVERY_BUFFER_SIZE_MB.max());
        assertEquals(300, IngestKeys.DELIVERY_BUFFER_INTERVAL_SECONDS.defaultLong());
        assertEquals(0, IngestKeys.DELIVERY_BUFFER_INTERVAL_SECONDS.min());
        assertEquals(900, IngestKeys.DELIVERY_BUFFER_INTERVAL_SECONDS.max());
        assertEquals(30, IngestKeys.DELIVERY_IDLE_FLUSH_SECONDS.defaultLong());
        assertEquals(256, IngestKeys.DELIVERY_MEMORY_MB.defaultLong());
        assertEquals(64, IngestKeys.DELIVERY_DIRECT_PUT_CAPACITY_MB.defaultLong());
        assertEquals(1000, IngestKeys.DELIVERY_POLL_RECORDS.defaultLong());
        assertEquals("JSON_LINES", IngestKeys.DELIVERY_FORMAT.defaultString());
        assertEquals("GZIP", IngestKeys.DELIVERY_COMPRESSION.defaultString());
        assertEquals("", IngestKeys.DELIVERY_ORC_SCHEMA.defaultString());
        assertEquals("", IngestKeys.DELIVERY_PREFIX.defaultString());
        assertEquals("errors/!{firehose:error-output-type}/", IngestKeys.DELIVERY_ERROR_PREFIX.defaultString());
        assertEquals("", IngestKeys.DELIVERY_TIME_FIELD.defaultString());
        assertEquals(3600, IngestKeys.DELIVERY_LATENESS_SECONDS.defaultLong());
        assertEquals("_delivery", IngestKeys.DELIVERY_STATE_DIR.defaultString());
        assertEquals("AUTO", IngestKeys.DELIVERY_COMMIT.defaultString());
        assertEquals(128, IngestKeys.DELIVERY_COMPACT_TARGET_MB.defaultLong());

        DeliveryConfig delivery = DeliveryConfig.of("s", Map.of());
        assertEquals(5L << 20, delivery.bufferBytes());
        assertEquals(300_000, delivery.intervalMillis());
        assertEquals(DeliveryConfig.Format.JSON_LINES, delivery.format());
        assertEquals(DeliveryConfig.Compression.GZIP, delivery.compression());
        assertEquals(DeliveryConfig.CommitMode.AUTO, delivery.commitMode());
        assertEquals(1024 * 1024, delivery.maxRecordBytes());
        assertEquals(64L << 20, delivery.directPutCapacityBytes());
        assertEquals(
                0,
                dev.silt.ingest.delivery.DirectPutSource.create(delivery, java.time.Clock.systemUTC())
                        .queuedBytes());

        ShardLogOptions options = ShardLogOptions.defaults();
        assertEquals(FsyncPolicy.SYNC_EACH_BATCH, options.fsyncPolicy());
        assertEquals(1024 * 1024, options.maxRecordBytes());
        assertEquals(64L * 1024 * 1024, options.segmentBytes());
    }

    @Test
    void keysAreUniqueAndDocumented() {
        assertEquals(
                IngestKeys.values().length,
                java.util.Arrays.stream(IngestKeys.values())
                        .map(IngestKeys::key)
                        .distinct()
                        .count());
        for (IngestKeys k : IngestKeys.values()) {
            assertEquals(true, k.key().startsWith("silt.ingest."), k.key());
            assertEquals(false, k.doc().isEmpty(), k.key());
        }
    }

    @Test
    void valuesAreReadAndRangeChecked() {
        assertEquals(48, IngestKeys.RETENTION_HOURS.getLong(Map.of("silt.ingest.retention.hours", "48")));
        assertThrows(
                IllegalArgumentException.class,
                () -> IngestKeys.RETENTION_HOURS.getLong(Map.of("silt.ingest.retention.hours", "23")));
        assertThrows(
                IllegalArgumentException.class,
                () -> IngestKeys.RETENTION_HOURS.getLong(Map.of("silt.ingest.retention.hours", "8761")));
        assertThrows(
                IllegalArgumentException.class,
                () -> IngestKeys.MAX_RECORD_BYTES.getLong(Map.of("silt.ingest.record.max.bytes", "10485761")));
        assertThrows(
                IllegalArgumentException.class,
                () -> IngestKeys.SEGMENT_BYTES.getLong(Map.of("silt.ingest.segment.bytes", "lots")));
        assertEquals(
                FsyncPolicy.NONE,
                ShardLogOptions.fromConfig(Map.of("silt.ingest.fsync.policy", "none"))
                        .fsyncPolicy());
        assertThrows(
                IllegalArgumentException.class,
                () -> ShardLogOptions.fromConfig(Map.of("silt.ingest.fsync.policy", "sometimes")));
        assertEquals(
                true,
                IngestKeys.STREAM_THROUGHPUT_LIMITS.getBoolean(Map.of("silt.ingest.stream.throughput.limits", "TRUE")));
        assertThrows(
                IllegalArgumentException.class,
                () -> IngestKeys.STREAM_THROUGHPUT_LIMITS.getBoolean(
                        Map.of("silt.ingest.stream.throughput.limits", "yes")));
        assertThrows(
                IllegalArgumentException.class,
                () -> StreamServiceOptions.fromConfig(Map.of("silt.ingest.stream.account", "12345")));
    }

    @Test
    void deliverySettingsAreChecked() {
        IllegalArgumentException tooBig = assertThrows(
                IllegalArgumentException.class,
                () -> DeliveryConfig.of("s", Map.of("silt.ingest.delivery.buffer.size.mb", "129")));
        assertEquals("silt.ingest.delivery.buffer.size.mb must be between 1 and 128, got 129", tooBig.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> DeliveryConfig.of("s", Map.of("silt.ingest.delivery.buffer.interval.seconds", "901")));
        IllegalArgumentException codec = assertThrows(
                IllegalArgumentException.class,
                () -> DeliveryConfig.of("s", Map.of("silt.ingest.delivery.compression", "lz5")));
        assertEquals(
                "silt.ingest.delivery.compression must be one of [NONE, GZIP, ZSTD, SNAPPY], got 'lz5'",
                codec.getMessage());
        IllegalArgumentException orc = assertThrows(
                IllegalArgumentException.class,
                () -> DeliveryConfig.of("s", Map.of("silt.ingest.delivery.format", "orc")));
        assertEquals("silt.ingest.delivery.orc.schema must be set when the format is ORC", orc.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DeliveryConfig.of("bad name", Map.of()));
        assertThrows(
                IllegalArgumentException.class,
                () -> DeliveryConfig.of("s", Map.of("silt.ingest.delivery.state.dir", "state")));
        assertEquals(
                DeliveryConfig.Compression.ZSTD,
                DeliveryConfig.of("s", Map.of("silt.ingest.delivery.compression", "zstd"))
                        .compression());
    }

    @Test
    void deliverySourceDefaultsArePinned() {
        assertEquals(30, IngestKeys.DELIVERY_STREAM_RELIST_SECONDS.defaultLong());
        assertEquals(1, IngestKeys.DELIVERY_STREAM_RELIST_SECONDS.min());
        assertEquals("", IngestKeys.DELIVERY_KAFKA_GROUP.defaultString());
        assertEquals(50, IngestKeys.DELIVERY_KAFKA_POLL_TIMEOUT_MILLIS.defaultLong());
        assertEquals(0, IngestKeys.DELIVERY_KAFKA_POLL_TIMEOUT_MILLIS.min());
        assertEquals(10_000, IngestKeys.DELIVERY_KAFKA_POLL_TIMEOUT_MILLIS.max());
    }
}

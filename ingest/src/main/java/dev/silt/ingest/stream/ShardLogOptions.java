package dev.silt.ingest.stream;

import dev.silt.ingest.IngestKeys;
import java.util.Map;

/**
 * How a shard log writes: segment size, fsync policy, record size limit and index density. Defaults and ranges
 * come from {@link IngestKeys}.
 */
public record ShardLogOptions(long segmentBytes, FsyncPolicy fsyncPolicy, int maxRecordBytes, int indexIntervalBytes) {
    public ShardLogOptions {
        if (segmentBytes < IngestKeys.SEGMENT_BYTES.min() || segmentBytes > IngestKeys.SEGMENT_BYTES.max()) {
            throw new IllegalArgumentException("segment bytes out of range: " + segmentBytes);
        }
        if (maxRecordBytes < IngestKeys.MAX_RECORD_BYTES.min() || maxRecordBytes > IngestKeys.MAX_RECORD_BYTES.max()) {
            throw new IllegalArgumentException("max record bytes out of range: " + maxRecordBytes);
        }
        if (indexIntervalBytes < 1) {
            throw new IllegalArgumentException("index interval must be positive: " + indexIntervalBytes);
        }
        if (fsyncPolicy == null) {
            throw new IllegalArgumentException("fsync policy is required");
        }
    }

    public static ShardLogOptions defaults() {
        return fromConfig(Map.of());
    }

    public static ShardLogOptions fromConfig(Map<String, String> conf) {
        return new ShardLogOptions(
                IngestKeys.SEGMENT_BYTES.getLong(conf),
                FsyncPolicy.parse(IngestKeys.FSYNC_POLICY.getString(conf)),
                (int) IngestKeys.MAX_RECORD_BYTES.getLong(conf),
                (int) IngestKeys.INDEX_INTERVAL_BYTES.getLong(conf));
    }

    public ShardLogOptions withSegmentBytes(long bytes) {
        return new ShardLogOptions(bytes, fsyncPolicy, maxRecordBytes, indexIntervalBytes);
    }

    public ShardLogOptions withFsyncPolicy(FsyncPolicy policy) {
        return new ShardLogOptions(segmentBytes, policy, maxRecordBytes, indexIntervalBytes);
    }

    public ShardLogOptions withIndexIntervalBytes(int bytes) {
        return new ShardLogOptions(segmentBytes, fsyncPolicy, maxRecordBytes, bytes);
    }
}

package dev.silt.ingest.stream.model;

import java.time.Instant;
import java.util.List;

/** The {@code StreamDescription} structure of {@code DescribeStream}; {@code keyId} is null. */
public record StreamDescription(
        String streamName,
        String streamARN,
        StreamStatus streamStatus,
        StreamModeDetails streamModeDetails,
        List<Shard> shards,
        boolean hasMoreShards,
        int retentionPeriodHours,
        Instant streamCreationTimestamp,
        List<EnhancedMetrics> enhancedMonitoring,
        EncryptionType encryptionType,
        String keyId) {}

package dev.silt.ingest.stream.model;

import java.time.Instant;
import java.util.List;

/** The {@code StreamDescriptionSummary} structure of {@code DescribeStreamSummary}. */
public record StreamDescriptionSummary(
        String streamName,
        String streamARN,
        StreamStatus streamStatus,
        StreamModeDetails streamModeDetails,
        int retentionPeriodHours,
        Instant streamCreationTimestamp,
        List<EnhancedMetrics> enhancedMonitoring,
        EncryptionType encryptionType,
        String keyId,
        int openShardCount,
        int consumerCount) {}

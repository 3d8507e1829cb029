package dev.silt.ingest.stream.model;

import java.time.Instant;

/** One entry of {@code ListStreams}' {@code StreamSummaries}. */
public record StreamSummary(
        String streamName,
        String streamARN,
        StreamStatus streamStatus,
        StreamModeDetails streamModeDetails,
        Instant streamCreationTimestamp) {}

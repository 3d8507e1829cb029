package dev.silt.ingest.stream.model;

/** {@code IncreaseStreamRetentionPeriod}: 24 to 8,760 hours. Optional fields are null when absent; {@code streamARN} may stand in for {@code streamName}. */
public record IncreaseStreamRetentionPeriodRequest(String streamName, String streamARN, Integer retentionPeriodHours) {}

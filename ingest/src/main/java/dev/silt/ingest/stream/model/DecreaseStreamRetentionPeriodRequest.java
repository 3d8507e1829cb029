package dev.silt.ingest.stream.model;

/** {@code DecreaseStreamRetentionPeriod}: 24 to 8,760 hours. Optional fields are null when absent; {@code streamARN} may stand in for {@code streamName}. */
public record DecreaseStreamRetentionPeriodRequest(String streamName, String streamARN, Integer retentionPeriodHours) {}

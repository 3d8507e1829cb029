package dev.silt.ingest.stream.model;

/** {@code DescribeStreamSummary}. Optional fields are null when absent; {@code streamARN} may stand in for {@code streamName}. */
public record DescribeStreamSummaryRequest(String streamName, String streamARN) {}

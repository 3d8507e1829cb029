package dev.silt.ingest.stream.model;

/** {@code DescribeStream}: {@code limit} 1 to 10,000, default 100. Optional fields are null when absent; {@code streamARN} may stand in for {@code streamName}. */
public record DescribeStreamRequest(String streamName, String streamARN, Integer limit, String exclusiveStartShardId) {}

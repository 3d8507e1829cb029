package dev.silt.ingest.stream.model;

/** {@code ListStreams}: {@code limit} 1 to 10,000 (at most 100 are returned). Optional fields are null when absent; {@code streamARN} may stand in for {@code streamName}. */
public record ListStreamsRequest(Integer limit, String exclusiveStartStreamName, String nextToken) {}

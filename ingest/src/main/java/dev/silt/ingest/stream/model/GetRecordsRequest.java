package dev.silt.ingest.stream.model;

/** {@code GetRecords}: {@code limit} 1 to 10,000, default 10,000; {@code streamARN} is optional. */
public record GetRecordsRequest(String shardIterator, Integer limit, String streamARN) {}

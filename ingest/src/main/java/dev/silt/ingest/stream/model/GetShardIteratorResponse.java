package dev.silt.ingest.stream.model;

/** {@code GetShardIterator}'s answer: an opaque token valid for five minutes. */
public record GetShardIteratorResponse(String shardIterator) {}

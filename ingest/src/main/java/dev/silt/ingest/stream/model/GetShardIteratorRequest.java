package dev.silt.ingest.stream.model;

import java.time.Instant;

/** {@code GetShardIterator}: {@code startingSequenceNumber} for the *_SEQUENCE_NUMBER types, {@code timestamp} for AT_TIMESTAMP. Optional fields are null when absent; {@code streamARN} may stand in for {@code streamName}. */
public record GetShardIteratorRequest(
        String streamName,
        String streamARN,
        String shardId,
        ShardIteratorType shardIteratorType,
        String startingSequenceNumber,
        Instant timestamp) {}

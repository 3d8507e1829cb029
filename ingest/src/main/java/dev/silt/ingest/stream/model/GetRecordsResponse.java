package dev.silt.ingest.stream.model;

import java.util.List;

/** {@code GetRecords}' answer: {@code nextShardIterator} is null and {@code childShards} is non-empty once a closed shard has been read to its end. */
public record GetRecordsResponse(
        List<Record> records, String nextShardIterator, long millisBehindLatest, List<ChildShard> childShards) {}

package dev.silt.ingest.stream.model;

import java.util.List;

/** {@code ListShards}' answer: {@code nextToken} is null on the last page. */
public record ListShardsResponse(List<Shard> shards, String nextToken) {}

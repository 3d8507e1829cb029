/**
 * The ingest stream's storage: sharded, durable, Kinesis-compatible logs.
 *
 * <p>A stream of N shards splits the 128-bit hash-key space evenly ({@link dev.silt.ingest.stream.HashKeyRange});
 * a record goes to the shard whose range holds MD5 of its partition key, or its explicit hash key. Each shard
 * keeps a {@link dev.silt.ingest.stream.ShardLog} in a directory of its own: append-only segment files named by
 * the first sequence they hold, every record framed with its length and CRC32C. Sequences are dense {@code long}
 * offsets inside the log and 56-digit decimal strings on the wire ({@link dev.silt.ingest.stream.SequenceNumbers}).
 *
 * <p>Durability: under the default {@link dev.silt.ingest.stream.FsyncPolicy#SYNC_EACH_BATCH} an append returns
 * only after its bytes are forced, so an acknowledged record survives {@code kill -9} and power loss. Recovery on
 * open cuts a torn tail of the last segment and reports it; damage anywhere else stops the open with an error
 * naming file and offset, because the records after it were acknowledged.
 *
 * <p>The service: {@link dev.silt.ingest.stream.StreamService} is the Kinesis Data Streams API over a data
 * directory, one method per operation taking and returning the records of {@code dev.silt.ingest.stream.model}
 * (fields named as the API names them; {@code null} for an absent optional member). Failures are
 * {@link dev.silt.ingest.stream.StreamException}s carrying a {@link dev.silt.ingest.stream.StreamErrorType}, whose
 * {@code wireName()} is the {@code __type} the service sends ({@code ResourceNotFoundException},
 * {@code ValidationException}, ...) and whose message is the service's wording where known. The contract:
 * <ul>
 *   <li>Routing: a record goes to the <em>open</em> shard whose hash-key range holds MD5 of its partition key, or
 *       its {@code ExplicitHashKey}.
 *   <li>Sequence numbers: strictly increasing within a shard; a reshard's children start above every number their
 *       parents assigned, so the numbers of one partition key increase across splits and merges too. A
 *       {@code SequenceNumberForOrdering} must be well-formed and not above what the record's shard (with its
 *       ancestors) has assigned; the record then gets a greater number, which is the ordering the service promises.
 *   <li>Resharding closes parents and opens children atomically with respect to puts: a put lands wholly before the
 *       parent's {@code EndingSequenceNumber} or in a child. One reshard at a time per stream.
 *   <li>Shard iterators and {@code ListShards} tokens are opaque, HMAC-signed with a key kept in the data
 *       directory, and expire five minutes after issue by the injected clock.
 *   <li>Every operation is thread-safe; a put returns once durable under the {@code FsyncPolicy}; metadata changes
 *       are atomic file replacements; reopening the directory restores every stream.
 * </ul>
 */
package dev.silt.ingest.stream;

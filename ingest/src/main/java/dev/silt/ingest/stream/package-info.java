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
 */
package dev.silt.ingest.stream;

/**
 * The Kinesis Data Streams wire protocol over HTTP/1.1, so that the AWS SDKs, awscli and tools built on them work
 * against a silt stream by changing only the endpoint. {@link dev.silt.ingest.wire.KinesisServer} is the whole
 * public surface; the codec, the HTTP handling, SigV4 and the operation mapping live in {@code internal}.
 */
package dev.silt.ingest.wire;

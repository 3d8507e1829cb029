/** The Kinesis wire server's internals: HTTP handling, the JSON/CBOR codec, SigV4 and the operation mapping. */
package dev.silt.ingest.wire.internal;

package dev.silt.ingest.stream.internal;

/** One decoded record frame and where it sits in its segment. */
@SuppressWarnings("ArrayRecordComponent") // a fresh array per decoded frame, handed on without copying
public record Frame(
        long position, int frameBytes, long sequence, long arrivalMillis, String partitionKey, byte[] data) {
    public long end() {
        return position + frameBytes;
    }
}

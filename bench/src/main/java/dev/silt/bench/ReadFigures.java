package dev.silt.bench;

/**
 * Reading a whole stream back.
 *
 * @param records records returned, duplicates included
 * @param bytes payload bytes returned
 * @param nanos first request to the last record
 * @param calls read requests (GetRecords calls; Kafka: polls)
 * @param readers reading threads (one per shard or partition)
 */
record ReadFigures(long records, long bytes, long nanos, long calls, int readers) {
    double recordsPerSecond() {
        return nanos == 0 ? 0 : records * 1e9 / nanos;
    }

    double megabytesPerSecond() {
        return nanos == 0 ? 0 : bytes * 1e3 / nanos;
    }
}

package dev.silt.bench;

/**
 * One producing phase of one contender.
 *
 * @param threads producer threads
 * @param records records acknowledged in the phase
 * @param bytes payload bytes of those records
 * @param nanos first send to last acknowledgement
 * @param calls requests made (PutRecords calls; Kafka: records sent)
 * @param retried records the system refused in a call and the client sent again
 * @param failed records that failed for good
 * @param p50Millis median acknowledgement latency: of a PutRecords call, or of a Kafka record from send to callback
 * @param p99Millis 99th percentile of the same
 */
record LoadFigures(
        int threads,
        long records,
        long bytes,
        long nanos,
        long calls,
        long retried,
        long failed,
        double p50Millis,
        double p99Millis) {
    double recordsPerSecond() {
        return nanos == 0 ? 0 : records * 1e9 / nanos;
    }

    double megabytesPerSecond() {
        return nanos == 0 ? 0 : bytes * 1e3 / nanos;
    }
}

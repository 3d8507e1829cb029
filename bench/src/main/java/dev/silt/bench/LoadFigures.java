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
 * @param serverCpuNanos CPU time the server process used during the phase, or -1 if unknown
 * @param clientCpuNanos CPU time the load generator's JVM used during the phase, or -1 if unknown
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
        double p99Millis,
        long serverCpuNanos,
        long clientCpuNanos) {
    /** The same figures with the CPU times measured around the phase. */
    LoadFigures withCpu(long server, long client) {
        return new LoadFigures(
                threads, records, bytes, nanos, calls, retried, failed, p50Millis, p99Millis, server, client);
    }

    /** Server CPU microseconds per record, or NaN if unknown. */
    double serverMicrosPerRecord() {
        return serverCpuNanos < 0 || records == 0 ? Double.NaN : serverCpuNanos / 1e3 / records;
    }

    /** Load generator CPU microseconds per record, or NaN if unknown. */
    double clientMicrosPerRecord() {
        return clientCpuNanos < 0 || records == 0 ? Double.NaN : clientCpuNanos / 1e3 / records;
    }

    double recordsPerSecond() {
        return nanos == 0 ? 0 : records * 1e9 / nanos;
    }

    double megabytesPerSecond() {
        return nanos == 0 ? 0 : bytes * 1e3 / nanos;
    }
}

package dev.silt.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts latencies in microseconds in log-linear buckets (exact below 64 µs, then 32 buckets per power of two, so
 * a reported percentile is within ~3% of the true value). Any number of threads may record at once; percentiles
 * are read after the recording threads have finished.
 */
final class LatencyHistogram {
    private static final int LINEAR = 64;
    private static final int SUB_BUCKETS = 32;
    private static final int BUCKETS = LINEAR + 58 * SUB_BUCKETS;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    void recordNanos(long nanos) {
        counts.incrementAndGet(index(Math.max(0, nanos / 1_000)));
    }

    long count() {
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            n += counts.get(i);
        }
        return n;
    }

    /** The latency at quantile {@code q} (0 to 1) in milliseconds, or NaN when nothing was recorded. */
    double quantileMillis(double q) {
        long total = count();
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= Math.max(1, rank)) {
                return middleMicros(i) / 1_000.0;
            }
        }
        return middleMicros(BUCKETS - 1) / 1_000.0;
    }

    static int index(long micros) {
        if (micros < LINEAR) {
            return (int) micros;
        }
        int msb = 63 - Long.numberOfLeadingZeros(micros);
        int shift = msb - 5;
        int sub = (int) (micros >>> shift) - SUB_BUCKETS;
        return Math.min(BUCKETS - 1, LINEAR + (shift - 1) * SUB_BUCKETS + sub);
    }

    static double middleMicros(int index) {
        if (index < LINEAR) {
            return index;
        }
        int shift = (index - LINEAR) / SUB_BUCKETS + 1;
        long sub = (index - LINEAR) % SUB_BUCKETS;
        long low = (SUB_BUCKETS + sub) << shift;
        return low + ((1L << shift) - 1) / 2.0;
    }
}

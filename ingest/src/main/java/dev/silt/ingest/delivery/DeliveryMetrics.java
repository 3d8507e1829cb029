package dev.silt.ingest.delivery;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters and gauges of one delivery stream. Updated by the delivery's thread, readable from any thread (each
 * value is read on its own; a set of values read together is not a consistent snapshot).
 */
public final class DeliveryMetrics {
    final LongAdder recordsIn = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder recordsOut = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder filesOut = new LongAdder();
    final LongAdder errorRecords = new LongAdder();
    final LongAdder errorFiles = new LongAdder();
    final LongAdder droppedRecords = new LongAdder();
    final LongAdder lateRecords = new LongAdder();
    final LongAdder skippedRecords = new LongAdder();
    final AtomicLong lagMillis = new AtomicLong();
    final AtomicLong lagRecords = new AtomicLong();
    final AtomicLong bufferedBytes = new AtomicLong();
    final AtomicLong backlogRecords = new AtomicLong(-1);

    /** Records read from the source (including those skipped as already landed). */
    public long recordsIn() {
        return recordsIn.sum();
    }

    /** Bytes of the records read from the source. */
    public long bytesIn() {
        return bytesIn.sum();
    }

    /** Records landed in data files. */
    public long recordsOut() {
        return recordsOut.sum();
    }

    /** Bytes of landed data and error files, as written (after compression). */
    public long bytesOut() {
        return bytesOut.sum();
    }

    /** Data files landed. */
    public long filesOut() {
        return filesOut.sum();
    }

    /** Records landed in the error output. */
    public long errorRecords() {
        return errorRecords.sum();
    }

    /** Error-output files landed. */
    public long errorFiles() {
        return errorFiles.sum();
    }

    /** Records the transform dropped. */
    public long droppedRecords() {
        return droppedRecords.sum();
    }

    /** Event-time records older than the lateness window (landed in their own hour all the same). */
    public long lateRecords() {
        return lateRecords.sum();
    }

    /** Records read again after a restart and skipped because they were already landed. */
    public long skippedRecords() {
        return skippedRecords.sum();
    }

    /** Age of the oldest record read but not yet landed, by its arrival time; 0 when nothing waits. */
    public long lagMillis() {
        return lagMillis.get();
    }

    /** Records waiting: not yet polled from the source (when it can tell) plus buffered. */
    public long lagRecords() {
        return lagRecords.get();
    }

    /** Bytes the buffers hold now. */
    public long bufferedBytes() {
        return bufferedBytes.get();
    }

    /** Records the source holds that the delivery has not polled yet, or {@code -1} if the source cannot tell. */
    public long backlogRecords() {
        return backlogRecords.get();
    }

    /** The values now, read one after the other (see the class comment), stamped {@code atMillis}. */
    public Snapshot snapshot(long atMillis) {
        return new Snapshot(
                atMillis,
                recordsIn(),
                bytesIn(),
                recordsOut(),
                bytesOut(),
                filesOut(),
                errorRecords(),
                errorFiles(),
                lagMillis(),
                lagRecords(),
                backlogRecords());
    }

    /** The metrics of a delivery stream at one time; immutable. */
    public record Snapshot(
            long atMillis,
            long recordsIn,
            long bytesIn,
            long recordsOut,
            long bytesOut,
            long filesOut,
            long errorRecords,
            long errorFiles,
            long lagMillis,
            long lagRecords,
            long backlogRecords) {
        /** Records landed so far, in data files and in the error output. */
        public long landedRecords() {
            return recordsOut + errorRecords;
        }
    }
}

package dev.silt.sql.spi;

import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * Reads one split as a sequence of column-vector batches.
 *
 * <p>Threading: a page source is created, read and closed by one worker thread; it need not be thread-safe.
 *
 * <p>Batches: each returned batch holds at most {@link #BATCH_SIZE} rows, one column vector per column the
 * {@link ScanSpec} asked for, in that order, laid out as {@link ColumnType} describes. Vectors are flat (never
 * {@code isRepeating}) and {@code selectedInUse} is false. The page source owns the batch: it stays valid until
 * the next call to {@link #next} or {@link #close}, after which the page source may overwrite it; the caller
 * copies what it keeps.
 *
 * <p>Closing: the engine always closes a page source it opened, including after an error or cancellation.
 */
public interface PageSource extends AutoCloseable {
    /** Rows per batch, as ORC and Hive use. */
    int BATCH_SIZE = VectorizedRowBatch.DEFAULT_SIZE;

    /** The next batch, or {@code null} at the end of the split. */
    VectorizedRowBatch next();

    /** Releases resources; idempotent. */
    @Override
    void close();
}

package dev.silt.sql.exec;

import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * A running instance of a {@link PlanNode} on one thread: pull-based, batch at a time.
 *
 * <p>Batches: {@link #next} returns a batch of at most 1,024 rows whose selection ({@code selected}/{@code
 * selectedInUse}/{@code size}) says which rows are live. The operator owns the batch and its vectors: they stay
 * valid until the next call, and the consumer may change the batch's selection fields but never the vectors'
 * contents. Threading: one thread calls {@code next} and {@code close}.
 */
public interface Operator extends AutoCloseable {
    /** The next batch, or {@code null} when there are no more rows. */
    VectorizedRowBatch next();

    /** Releases resources (closes children); idempotent, called also after errors. */
    @Override
    void close();
}

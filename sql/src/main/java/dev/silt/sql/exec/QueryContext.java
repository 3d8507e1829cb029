package dev.silt.sql.exec;

import dev.silt.sql.SqlException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-query state shared by the leader and its workers: the worker pool, the degree of parallelism, the memory
 * budget and the cancellation flag. Thread-safe.
 */
public final class QueryContext {
    private final ExecutorService workersPool;
    private final int workers;
    private final long memoryLimit;
    private final AtomicLong reserved = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    private volatile boolean cancelled;

    public QueryContext(ExecutorService workersPool, int workers, long memoryLimit) {
        this.workersPool = workersPool;
        this.workers = workers;
        this.memoryLimit = memoryLimit;
    }

    public ExecutorService pool() {
        return workersPool;
    }

    public int workers() {
        return workers;
    }

    /** Asks every operator of the query to stop; they notice at their next batch. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws if the query was cancelled; called once per batch by the operators that loop. */
    public void checkCancelled() {
        if (cancelled) {
            throw new SqlException("query was cancelled");
        }
    }

    /** Accounts {@code delta} bytes held by a blocking operator (negative to release). */
    public void reserve(long delta) {
        long now = reserved.addAndGet(delta);
        if (delta > 0) {
            peak.accumulateAndGet(now, Math::max);
        }
        if (delta > 0 && now > memoryLimit) {
            throw new SqlException("query exceeded its memory limit of " + (memoryLimit >> 20)
                    + " MiB (silt.sql.query.max-memory); it needed at least " + (now >> 20) + " MiB");
        }
    }

    /** The most bytes held at once so far. */
    public long peakBytes() {
        return peak.get();
    }

    public long reservedBytes() {
        return reserved.get();
    }
}

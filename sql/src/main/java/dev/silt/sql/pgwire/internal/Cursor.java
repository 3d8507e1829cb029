package dev.silt.sql.pgwire.internal;

import dev.silt.sql.QueryControl;
import dev.silt.sql.QueryResult;
import dev.silt.sql.SqlEngine;
import dev.silt.sql.spi.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A query behind a portal that is read a few rows at a time (Execute with a row limit): the engine runs it on its
 * own thread and hands batches through a queue of two, so a suspended portal holds at most a few batches and the
 * query waits for the client instead of being collected whole. Closing cancels the query. The producer side runs on
 * the cursor's thread; {@link #columns()}, {@link #next} and {@link #close} are for the session's worker, except
 * that {@link #close} may be called from any thread.
 */
final class Cursor implements SqlEngine.RowSink, AutoCloseable {
    private static final List<Object[]> END = new ArrayList<>();

    private final BlockingQueue<List<Object[]>> batches = new ArrayBlockingQueue<>(2);
    private final CountDownLatch described = new CountDownLatch(1);
    private final QueryControl control = new QueryControl();
    private volatile List<String> names;
    private volatile List<ColumnType> types;
    private volatile QueryResult result;
    private volatile RuntimeException failure;
    private List<Object[]> current;
    private int at;
    private boolean ended;

    /** Starts {@code sql} on {@code executor}; {@code whenDone} runs on that thread when the query ends. */
    Cursor(SqlEngine engine, String sql, Executor executor, Runnable whenDone) {
        executor.execute(() -> {
            try {
                result = engine.execute(sql, control, this);
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                described.countDown();
                whenDone.run();
                offer(END);
            }
        });
    }

    QueryControl control() {
        return control;
    }

    @Override
    public void columns(List<String> columnNames, List<ColumnType> columnTypes) {
        names = columnNames;
        types = columnTypes;
        described.countDown();
    }

    @Override
    public void rows(List<Object[]> batch) {
        offer(batch);
    }

    /** Waits for room in the queue, giving up once the cursor is cancelled (the engine then stops the query). */
    private void offer(List<Object[]> batch) {
        try {
            while (!batches.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                if (control.isCancelled()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            control.cancel();
        }
    }

    /**
     * Waits until the query has produced its columns (or ended): the names, or null for a statement that returns
     * no rows (then {@link #result()} says what it did). A failure before the first row is thrown here.
     */
    List<String> columns() {
        try {
            described.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            control.cancel();
            throw new IllegalStateException("interrupted while waiting for a query", e);
        }
        if (names == null && failure != null) {
            throw failure;
        }
        return names;
    }

    List<ColumnType> types() {
        return types;
    }

    QueryResult result() {
        return result;
    }

    /** The next row, or null at the end; an error while running is thrown here. */
    Object[] next() {
        while (current == null || at == current.size()) {
            if (ended) {
                return null;
            }
            List<Object[]> b;
            try {
                b = batches.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                control.cancel();
                throw new IllegalStateException("interrupted while reading a query's rows", e);
            }
            if (b == END) {
                ended = true;
                if (failure != null) {
                    throw failure;
                }
                return null;
            }
            current = b;
            at = 0;
        }
        Object[] row = current.get(at);
        current.set(at++, null);
        return row;
    }

    @Override
    public void close() {
        control.cancel();
        batches.clear(); // frees a producer waiting for room
    }
}

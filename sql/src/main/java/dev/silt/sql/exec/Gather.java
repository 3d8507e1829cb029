package dev.silt.sql.exec;

import dev.silt.sql.SqlException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * The gather exchange: runs one instance of a parallel child per worker on the query's pool and hands their
 * batches, copied, to the single consumer on the leader. Bounded hand-off queue (back-pressure); the first worker
 * error fails the query; closing early (LIMIT, error, cancel) stops the workers.
 */
public final class Gather extends PlanNode {
    private static final VectorizedRowBatch END = new VectorizedRowBatch(0, 1);
    private final PlanNode input;

    public Gather(PlanNode input) {
        super(input.types(), false);
        this.input = input;
    }

    @Override
    public List<PlanNode> children() {
        return List.of(input);
    }

    @Override
    public String describe() {
        return "Gather(workers → leader)";
    }

    @Override
    public Operator open(TaskContext task) {
        QueryContext q = task.query();
        int workers = q.workers();
        BlockingQueue<VectorizedRowBatch> queue = new ArrayBlockingQueue<>(4 * workers + 4);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Future<?>[] futures = new Future<?>[workers];
        for (int w = 0; w < workers; w++) {
            int worker = w;
            futures[w] = q.pool().submit(() -> {
                try (Operator op = input.start(new TaskContext(q, worker, workers))) {
                    VectorizedRowBatch b;
                    while (!q.isCancelled() && (b = op.next()) != null) {
                        if (b.size > 0 && !put(queue, Vectors.compact(b, types()), q)) {
                            break;
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    put(queue, END, q);
                }
                return null;
            });
        }
        return new Operator() {
            private int finished;
            private boolean closed;

            @Override
            public VectorizedRowBatch next() {
                while (finished < workers) {
                    VectorizedRowBatch b;
                    try {
                        b = queue.poll(100, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        q.cancel();
                        throw new SqlException("query was interrupted", e);
                    }
                    rethrow();
                    q.checkCancelled();
                    if (b == null) {
                        continue;
                    }
                    if (b == END) {
                        finished++;
                        continue;
                    }
                    return b;
                }
                rethrow();
                return null;
            }

            private void rethrow() {
                Throwable t = failure.get();
                if (t != null) {
                    if (t instanceof SqlException) {
                        throw new SqlException(((SqlException) t).sqlState(), t.getMessage(), t);
                    }
                    throw new SqlException("query failed in a worker: " + t, t);
                }
            }

            @Override
            public void close() {
                if (closed) {
                    return;
                }
                closed = true;
                if (finished < workers) {
                    // stop producers early (LIMIT reached or error): they notice the flag or a full queue
                    for (Future<?> f : futures) {
                        f.cancel(true);
                    }
                    queue.clear();
                }
            }
        };
    }

    private static boolean put(BlockingQueue<VectorizedRowBatch> queue, VectorizedRowBatch b, QueryContext q) {
        try {
            while (!queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
                if (q.isCancelled() || Thread.currentThread().isInterrupted()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

package dev.silt.sql.exec;

import dev.silt.sql.SqlException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * The repartition exchange: every row of a parallel input goes to the worker that owns the hash of its key columns,
 * so that rows with equal keys (a group, a window partition) meet in one worker and the consumer above runs in
 * parallel over disjoint keys. It is the shuffle between mapper and reducer: in {@link #prepare} the leader runs
 * one producer per worker on the query's pool, each writing its rows into one buffer per destination; then worker
 * {@code w} reads every producer's buffer {@code w}. Rows with NULL keys all go to one worker, as grouping needs.
 *
 * <p>The buffers are held until the consumers have read them and count against the query's memory limit.
 * Producers never wait for consumers, so the exchange cannot deadlock on a busy pool.
 */
public final class Repartition extends PlanNode {
    private final PlanNode input;
    private final int[] keys;
    // filled once per execution by prepare(): stores[destination] holds one store per producer
    private List<List<ColumnStore>> stores;
    private long[] bytes;

    public Repartition(PlanNode input, int[] keys) {
        super(input.types(), true);
        if (!input.parallel()) {
            throw new IllegalArgumentException("a repartition exchange needs a parallel input");
        }
        this.input = input;
        this.keys = keys.clone();
    }

    @Override
    public List<PlanNode> children() {
        return List.of(input);
    }

    @Override
    public String describe() {
        return "Repartition(by hash of " + Arrays.toString(keys) + ", workers → workers)";
    }

    @Override
    public void prepare(QueryContext query) {
        input.prepare(query);
        long t0 = System.nanoTime();
        int workers = query.workers();
        List<List<ColumnStore>> dest = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            dest.add(new ArrayList<>());
        }
        AtomicLong[] held = new AtomicLong[workers];
        for (int w = 0; w < workers; w++) {
            held[w] = new AtomicLong();
        }
        List<Future<ColumnStore[]>> producers = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            producers.add(query.pool().submit(() -> produce(query, worker, workers, held)));
        }
        try {
            for (Future<ColumnStore[]> f : producers) {
                ColumnStore[] out = await(f, query);
                for (int d = 0; d < workers; d++) {
                    dest.get(d).add(out[d]);
                }
            }
        } finally {
            for (Future<ColumnStore[]> f : producers) {
                f.cancel(true);
            }
        }
        stores = dest;
        bytes = new long[workers];
        for (int w = 0; w < workers; w++) {
            bytes[w] = held[w].get();
        }
        recordBuild(System.nanoTime() - t0);
    }

    private static <T> T await(Future<T> f, QueryContext query) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            query.cancel();
            throw new SqlException("query was interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable t = e.getCause();
            if (t instanceof SqlException) {
                throw new SqlException(t.getMessage(), t);
            }
            throw new SqlException("query failed in a worker: " + t, t);
        }
    }

    private ColumnStore[] produce(QueryContext query, int worker, int workers, AtomicLong[] held) {
        ColumnStore[] out = new ColumnStore[workers];
        for (int d = 0; d < workers; d++) {
            out[d] = new ColumnStore(types());
        }
        int[] all = new int[types().size()];
        for (int c = 0; c < all.length; c++) {
            all[c] = c;
        }
        int[] hashes = new int[Vectors.BATCH];
        int[][] sel = new int[workers][Vectors.BATCH];
        int[] counts = new int[workers];
        long[] reserved = new long[workers];
        try (Operator op = input.start(new TaskContext(query, worker, workers))) {
            VectorizedRowBatch b;
            while ((b = op.next()) != null) {
                query.checkCancelled();
                int n = b.size;
                if (n == 0) {
                    continue;
                }
                int[] rows = Vectors.rows(b);
                for (int k = 0; k < keys.length; k++) {
                    Hashing.hash(b.cols[keys[k]], rows, n, hashes, k == 0);
                }
                Arrays.fill(counts, 0);
                for (int j = 0; j < n; j++) {
                    // re-mixed: hash tables downstream index by the low bits of the same hash
                    int d = keys.length == 0 ? 0 : (Hashing.mix(hashes[j]) & Integer.MAX_VALUE) % workers;
                    sel[d][counts[d]++] = rows[j];
                }
                for (int d = 0; d < workers; d++) {
                    if (counts[d] == 0) {
                        continue;
                    }
                    // the consumer may change a batch's selection: select one destination's rows at a time
                    b.selected = sel[d];
                    b.selectedInUse = true;
                    b.size = counts[d];
                    out[d].append(b, all);
                    long now = out[d].estimatedBytes();
                    if (now - reserved[d] > (1 << 20)) {
                        query.reserve(now - reserved[d]);
                        held[d].addAndGet(now - reserved[d]);
                        reserved[d] = now;
                    }
                }
            }
        }
        return out;
    }

    @Override
    public Operator open(TaskContext task) {
        List<ColumnStore> mine = stores.get(task.worker());
        return new Operator() {
            private int store;
            private int pos;
            private int[] order = new int[0];
            private boolean released;

            @Override
            public VectorizedRowBatch next() {
                while (store < mine.size()) {
                    ColumnStore s = mine.get(store);
                    if (pos >= s.size()) {
                        mine.set(store, null); // read once: let the collector have it
                        store++;
                        pos = 0;
                        continue;
                    }
                    task.query().checkCancelled();
                    if (order.length < s.size()) {
                        order = new int[s.size()];
                        for (int i = 0; i < order.length; i++) {
                            order[i] = i;
                        }
                    }
                    return Emit.batch(s, order, pos, s.size(), types(), n -> pos += n);
                }
                return null;
            }

            @Override
            public void close() {
                if (!released) {
                    released = true;
                    task.query().reserve(-bytes[task.worker()]);
                }
            }
        };
    }
}

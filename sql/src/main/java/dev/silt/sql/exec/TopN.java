package dev.silt.sql.exec;

import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * ORDER BY … LIMIT n: keeps at most about 2n candidate rows, periodically sorting and cutting back to n. Runs per
 * worker (each keeps its own top n) and once more on the leader after a {@link Gather}.
 */
public final class TopN extends PlanNode {
    private final PlanNode input;
    private final List<SortKey> keys;
    private final long limit;

    public TopN(PlanNode input, List<SortKey> keys, long limit) {
        super(input.types(), input.parallel());
        this.input = input;
        this.keys = List.copyOf(keys);
        this.limit = limit;
    }

    @Override
    public List<PlanNode> children() {
        return List.of(input);
    }

    @Override
    public String describe() {
        return "TopN(" + limit + ", " + keys + ")";
    }

    @Override
    public Operator open(TaskContext task) {
        Operator source = input.start(task);
        int[] all = new int[types().size()];
        for (int c = 0; c < all.length; c++) {
            all[c] = c;
        }
        return new Operator() {
            private ColumnStore store;
            private int[] order;
            private int pos;

            private ColumnStore cut(ColumnStore s) {
                int[] sorted = SortKey.sortedRows(s, keys);
                int keep = (int) Math.min(limit, sorted.length);
                ColumnStore kept = new ColumnStore(types());
                for (int p = 0; p < keep; p += Vectors.BATCH) {
                    int n = Math.min(Vectors.BATCH, keep - p);
                    int[] rows = Arrays.copyOfRange(sorted, p, p + n);
                    VectorizedRowBatch b = Vectors.allocate(types(), Vectors.BATCH);
                    for (int c = 0; c < all.length; c++) {
                        s.gather(c, rows, n, b.cols[c]);
                    }
                    b.size = n;
                    kept.append(b, all);
                }
                return kept;
            }

            @Override
            public VectorizedRowBatch next() {
                if (store == null) {
                    store = new ColumnStore(types());
                    long threshold = Math.max(2 * limit, limit + Vectors.BATCH);
                    VectorizedRowBatch b;
                    while ((b = source.next()) != null) {
                        task.query().checkCancelled();
                        store.append(b, all);
                        if (store.size() > threshold) {
                            store = cut(store);
                        }
                    }
                    store = cut(store);
                    order = new int[store.size()];
                    for (int i = 0; i < order.length; i++) {
                        order[i] = i;
                    }
                }
                return Emit.batch(store, order, pos, order.length, types(), n -> pos += n);
            }

            @Override
            public void close() {
                source.close();
            }
        };
    }
}

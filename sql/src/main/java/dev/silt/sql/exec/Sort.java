package dev.silt.sql.exec;

import java.util.List;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * ORDER BY without a limit: buffers all rows (single, on the leader), sorts row numbers, emits batches. With a
 * limit the planner uses {@link TopN} instead.
 */
public final class Sort extends PlanNode {
    private final PlanNode input;
    private final List<SortKey> keys;

    public Sort(PlanNode input, List<SortKey> keys) {
        super(input.types(), input.parallel());
        this.input = input;
        this.keys = List.copyOf(keys);
    }

    @Override
    public List<PlanNode> children() {
        return List.of(input);
    }

    @Override
    public String describe() {
        return "Sort(" + keys + ")";
    }

    @Override
    public Operator open(TaskContext task) {
        Operator source = input.start(task);
        return new Operator() {
            private ColumnStore store;
            private int[] order;
            private int pos;
            private long reserved;

            @Override
            public VectorizedRowBatch next() {
                if (store == null) {
                    store = new ColumnStore(types());
                    int[] all = new int[types().size()];
                    for (int c = 0; c < all.length; c++) {
                        all[c] = c;
                    }
                    VectorizedRowBatch b;
                    while ((b = source.next()) != null) {
                        task.query().checkCancelled();
                        store.append(b, all);
                        long now = store.estimatedBytes();
                        if (now - reserved > (1 << 20)) {
                            task.query().reserve(now - reserved);
                            reserved = now;
                        }
                    }
                    order = SortKey.sortedRows(store, keys);
                }
                return Emit.batch(store, order, pos, order.length, types(), this::advance);
            }

            private void advance(int n) {
                pos += n;
            }

            @Override
            public void close() {
                source.close();
                if (reserved > 0) {
                    task.query().reserve(-reserved);
                    reserved = 0;
                }
            }
        };
    }
}

package dev.silt.sql.exec;

import dev.silt.sql.spi.ColumnType;
import java.util.List;
import java.util.function.IntConsumer;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/** Emits stored rows, in a given order, as fresh batches. */
final class Emit {
    private Emit() {}

    /** The next batch of rows {@code order[pos..end)}, or null; reports how many rows it took. */
    static VectorizedRowBatch batch(
            ColumnStore store, int[] order, int pos, int end, List<ColumnType> types, IntConsumer advance) {
        if (pos >= end) {
            return null;
        }
        int n = Math.min(Vectors.BATCH, end - pos);
        int[] rows = new int[n];
        System.arraycopy(order, pos, rows, 0, n);
        VectorizedRowBatch out = Vectors.allocate(types, Vectors.BATCH);
        for (int c = 0; c < types.size(); c++) {
            store.gather(c, rows, n, out.cols[c]);
        }
        out.size = n;
        advance.accept(n);
        return out;
    }
}

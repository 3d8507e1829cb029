package dev.silt.sql.exec;

import dev.silt.sql.spi.ColumnType;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/** Literal rows (VALUES, and constant SELECTs without FROM). Single. */
public final class Values extends PlanNode {
    private final List<List<Object>> rows;

    public Values(List<ColumnType> types, List<List<Object>> rows) {
        super(types, false);
        this.rows = rows;
    }

    @Override
    public List<PlanNode> children() {
        return List.of();
    }

    @Override
    public String describe() {
        return "Values(" + rows.size() + " rows)";
    }

    @Override
    public Operator open(TaskContext task) {
        return new Operator() {
            private int pos;

            @Override
            public VectorizedRowBatch next() {
                if (pos >= rows.size()) {
                    return null;
                }
                int n = Math.min(Vectors.BATCH, rows.size() - pos);
                VectorizedRowBatch b = Vectors.allocate(types(), Vectors.BATCH);
                for (int r = 0; r < n; r++) {
                    List<Object> row = rows.get(pos + r);
                    for (int c = 0; c < types().size(); c++) {
                        Vectors.set(b.cols[c], r, types().get(c), row.get(c));
                    }
                }
                b.size = n;
                pos += n;
                return b;
            }

            @Override
            public void close() {}
        };
    }
}

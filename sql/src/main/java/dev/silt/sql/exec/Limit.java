package dev.silt.sql.exec;

import java.util.List;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/** OFFSET/LIMIT over the stream in arrival order; stops pulling (and so closes the producers) once satisfied. */
public final class Limit extends PlanNode {
    private final PlanNode input;
    private final long offset;
    private final long limit;

    public Limit(PlanNode input, long offset, long limit) {
        super(input.types(), input.parallel());
        this.input = input;
        this.offset = offset;
        this.limit = limit;
    }

    @Override
    public List<PlanNode> children() {
        return List.of(input);
    }

    @Override
    public String describe() {
        return "Limit(" + (offset > 0 ? "offset " + offset + ", " : "") + limit + ")";
    }

    @Override
    public Operator open(TaskContext task) {
        Operator source = input.start(task);
        return new Operator() {
            private long skipped;
            private long returned;

            @Override
            public VectorizedRowBatch next() {
                while (returned < limit) {
                    VectorizedRowBatch b = source.next();
                    if (b == null) {
                        return null;
                    }
                    int[] rows = Vectors.rows(b);
                    int from = 0;
                    if (skipped < offset) {
                        from = (int) Math.min(b.size, offset - skipped);
                        skipped += from;
                    }
                    int n = (int) Math.min(b.size - from, limit - returned);
                    if (n <= 0) {
                        continue;
                    }
                    int[] sel = new int[Vectors.BATCH];
                    System.arraycopy(rows, from, sel, 0, n);
                    b.selected = sel;
                    b.selectedInUse = true;
                    b.size = n;
                    returned += n;
                    return b;
                }
                return null;
            }

            @Override
            public void close() {
                source.close();
            }
        };
    }
}

package dev.silt.sql.exec;

import dev.silt.sql.exec.expr.Cast;
import dev.silt.sql.exec.expr.Expr;
import dev.silt.sql.spi.ColumnType;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * UNION ALL: the inputs one after another, each column cast to the union's type. Parallel when every input is
 * (each worker reads its share of each input), else single.
 */
public final class Union extends PlanNode {
    private final List<PlanNode> inputs;

    public Union(List<PlanNode> inputs, List<ColumnType> types, boolean parallel) {
        super(types, parallel);
        this.inputs = List.copyOf(inputs);
    }

    @Override
    public List<PlanNode> children() {
        return inputs;
    }

    @Override
    public String describe() {
        return "Union(all)";
    }

    @Override
    public Operator open(TaskContext task) {
        return new Operator() {
            private int current = -1;
            private Operator source;
            private Expr[] casts;
            private final VectorizedRowBatch out = new VectorizedRowBatch(types().size(), Vectors.BATCH);

            @Override
            public VectorizedRowBatch next() {
                while (true) {
                    if (source == null) {
                        if (++current >= inputs.size()) {
                            return null;
                        }
                        PlanNode in = inputs.get(current);
                        source = in.start(task);
                        casts = new Expr[types().size()];
                        for (int c = 0; c < casts.length; c++) {
                            casts[c] = Cast.of(new Expr.InputRef(c, in.types().get(c)), types().get(c));
                        }
                    }
                    VectorizedRowBatch b = source.next();
                    if (b == null) {
                        source.close();
                        source = null;
                        continue;
                    }
                    for (int c = 0; c < casts.length; c++) {
                        out.cols[c] = casts[c].eval(b);
                    }
                    out.size = b.size;
                    out.selected = b.selected;
                    out.selectedInUse = b.selectedInUse;
                    return out;
                }
            }

            @Override
            public void close() {
                if (source != null) {
                    source.close();
                    source = null;
                }
            }
        };
    }
}
